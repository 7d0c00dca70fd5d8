package dev.envboard.ui.board;

import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.deploys.DeployBadge;
import dev.envboard.ui.deploys.DeployStates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deploy badges set by the test; listeners are told when one changes. */
final class FakeDeployStates implements DeployStates {
    private final Map<String, DeployBadge> badges = new HashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();
    final List<String> redeployed = new ArrayList<>();

    void set(String environment, DeployBadge badge) {
        badges.put(environment, badge);
        listeners.forEach(Runnable::run);
    }

    @Override
    public DeployBadge badge(PoolSpec pool, String environment) {
        return badges.getOrDefault(environment, DeployBadge.NONE);
    }

    @Override
    public void addListener(Runnable onChange) {
        listeners.add(onChange);
    }

    @Override
    public void confirmAndRedeploy(PoolSpec pool, String environment) {
        redeployed.add(pool.name() + "/" + environment);
    }
}
