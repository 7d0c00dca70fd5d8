package dev.envboard.ui.board;

import dev.envboard.ssh.UnknownHostKeyException;
import java.util.function.Consumer;

/** Asks the user whether to trust an SSH host key Envboard has not seen before. */
@FunctionalInterface
public interface HostKeyPrompt {
    /** @param answer called on the FX thread with true when the user accepts the key */
    void ask(String hostname, UnknownHostKeyException unknown, Consumer<Boolean> answer);

    HostKeyPrompt NEVER = (hostname, unknown, answer) -> answer.accept(false);
}
