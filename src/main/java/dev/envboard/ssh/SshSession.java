package dev.envboard.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.future.CancelOption;

/** One logged-in SSH connection; runs commands one exec channel each. */
public final class SshSession implements AutoCloseable {
    /** Per stream: daemon.json is a few KiB; anything near this is not what we asked for. */
    public static final int OUTPUT_LIMIT = 4 * 1024 * 1024;

    private final String name;
    private final ClientSession session;
    private final Duration defaultTimeout;

    SshSession(String name, ClientSession session, Duration defaultTimeout) {
        this.name = name;
        this.session = session;
        this.defaultTimeout = defaultTimeout;
    }

    /** {@code user@host:port}. */
    public String target() {
        return name;
    }

    /** Runs a command with the connector's default timeout. */
    public ExecResult exec(String command, byte[] stdin) throws SshException {
        return exec(command, stdin, defaultTimeout);
    }

    /**
     * Runs one command, feeds it {@code stdin} (null = nothing; stdin is closed either way, so a
     * command that reads it cannot wait forever) and waits for it to end.
     *
     * @throws SshException when it cannot start, does not end within {@code timeout} (the channel
     *                      is then closed), or ends without an exit status (killed, connection lost)
     */
    public ExecResult exec(String command, byte[] stdin, Duration timeout) throws SshException {
        long deadline = System.nanoTime() + timeout.toNanos();
        BoundedOutput out = new BoundedOutput(OUTPUT_LIMIT);
        BoundedOutput err = new BoundedOutput(OUTPUT_LIMIT);
        ChannelExec channel;
        try {
            channel = session.createExecChannel(command);
        } catch (IOException e) {
            throw new SshException("ssh " + name + ": cannot run " + shortly(command) + ": " + SshErrors.describe(e), e);
        } catch (IllegalStateException e) {
            // MINA's word for a session that is closing: the connection was lost.
            throw new SshException("ssh " + name + ": cannot run " + shortly(command) + ": the connection is closed", e);
        }
        try {
            channel.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
            channel.setOut(out);
            channel.setErr(err);
            OpenFuture opening = channel.open();
            if (!opening.await(timeout, CancelOption.CANCEL_ON_TIMEOUT, CancelOption.CANCEL_ON_INTERRUPT)) {
                throw timedOut(command, timeout);
            }
            if (!opening.isOpened()) {
                Throwable cause = opening.getException();
                throw new SshException("ssh " + name + ": cannot run " + shortly(command) + ": "
                        + (cause == null ? "the server refused the channel" : SshErrors.describe(cause)), cause);
            }
            long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), remainingMillis);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw timedOut(command, timeout);
            }
            return result(command, channel, out, err);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new SshException("ssh " + name + ": interrupted while running " + shortly(command), e);
        } catch (IOException e) {
            throw new SshException("ssh " + name + ": " + shortly(command) + " failed: " + SshErrors.describe(e), e);
        } catch (IllegalStateException e) {
            throw new SshException("ssh " + name + ": " + shortly(command) + " failed: the connection is closed", e);
        } finally {
            channel.close(true);
        }
    }

    private ExecResult result(String command, ChannelExec channel, BoundedOutput out, BoundedOutput err) throws SshException {
        Integer status = channel.getExitStatus();
        if (status == null) {
            String signal = channel.getExitSignal();
            throw new SshException("ssh " + name + ": " + shortly(command)
                    + (signal != null ? " was killed by signal " + signal : " ended without an exit status (connection lost?)"));
        }
        return new ExecResult(status, out.toByteArray(), err.toByteArray(), out.cut(), err.cut());
    }

    private SshException timedOut(String command, Duration timeout) {
        return new SshException("ssh " + name + ": " + shortly(command) + " did not finish within "
                + SshConnector.seconds(timeout) + "; stopped waiting and closed the channel");
    }

    /** The first line of a command, cut short: scripts are long, messages should not be. */
    static String shortly(String command) {
        String first = command.strip().lines().findFirst().orElse("");
        if (first.length() > 60) {
            first = first.substring(0, 57) + "...";
        }
        return "`" + first + (command.strip().contains("\n") ? " ...`" : "`");
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        session.close(false);
    }
}
