package dev.envboard.ui.deploys;

import dev.envboard.deploy.ValidationReport;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.common.NameConfirmation;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shows a validated redeploy to the user; calls back only when they confirm, with the skipped
 * checks they accepted. For a protected environment it binds {@code typedName}'s field and
 * confirms only once the name is typed.
 */
@FunctionalInterface
public interface RedeployConfirmer {
    void confirm(PoolSpec pool, String environment, ValidationReport report, NameConfirmation typedName,
                 Consumer<List<SkippedCheck>> onConfirm);

    /** Without a way to ask: nothing is ever confirmed or typed, so a skipped check or a protection refuses the run. */
    RedeployConfirmer NOBODY = (pool, environment, report, typedName, onConfirm) -> onConfirm.accept(List.of());
}
