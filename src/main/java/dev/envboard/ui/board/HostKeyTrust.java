package dev.envboard.ui.board;

import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.ssh.UnknownHostKeyException;

/** Records a host key the user accepted (in the known_hosts file of that host's SSH target). */
@FunctionalInterface
public interface HostKeyTrust {
    void trust(PoolSpec pool, Host host, UnknownHostKeyException unknown) throws LabelChangeException;
}
