package dev.envboard.ui.deploys;

import dev.envboard.deploy.RedeployService;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.SkippedCheck;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.concurrent.Task;

/** A redeploy in the app-wide operations list; its details live in the run model. */
final class RedeployTask extends Task<DeployRecord> {
    private final RedeployService service;
    private final DeployRunModel run;
    private final List<SkippedCheck> accepted;
    private final Executor fx;

    RedeployTask(RedeployService service, DeployRunModel run, List<SkippedCheck> accepted, Executor fx) {
        this.service = service;
        this.run = run;
        this.accepted = List.copyOf(accepted);
        this.fx = fx;
        updateTitle("Redeploying " + run.environment() + " (" + run.poolName() + ")");
    }

    @Override
    protected DeployRecord call() {
        updateMessage("validating…");
        DeployRecord record = service.redeploy(run.pool(), run.environment(), accepted, run.listener(fx), run.cancelToken());
        updateMessage(record.result());
        return record;
    }
}
