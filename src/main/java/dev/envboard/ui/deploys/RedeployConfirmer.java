package dev.envboard.ui.deploys;

import dev.envboard.deploy.ValidationReport;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.pool.PoolSpec;
import java.util.List;
import java.util.function.Consumer;

/** Shows a validated redeploy to the user; calls back only when they confirm, with the skipped checks they accepted. */
@FunctionalInterface
public interface RedeployConfirmer {
    void confirm(PoolSpec pool, String environment, ValidationReport report, Consumer<List<SkippedCheck>> onConfirm);

    /** Without a way to ask: nothing is ever confirmed, so a check that could not run refuses the run. */
    RedeployConfirmer NOBODY = (pool, environment, report, onConfirm) -> onConfirm.accept(List.of());
}
