package dev.envboard.ui.deploys;

import dev.envboard.pool.PoolSpec;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** "Redeploy qa?": says what will be removed and where the new deployment comes from. Cancel is the default. */
final class RedeployConfirmation {
    private RedeployConfirmation() {
    }

    /** @param stack the compose file it deploys from, or why there is none */
    static void show(Window owner, PoolSpec pool, String environment, String stack, List<String> hosts, Runnable onConfirm) {
        ButtonType redeploy = new ButtonType("Redeploy", ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, null, redeploy, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Redeploy " + environment);
        alert.setHeaderText("Redeploy " + environment + " in " + pool.name() + "?");
        alert.setContentText("Everything of " + environment + " is removed, Envboard waits until it is really gone, then deploys it "
                + "fresh from\n    " + stack
                + "\non " + (hosts.isEmpty() ? "no hosts (the run will be refused)" : String.join(", ", hosts)) + ".\n\n"
                + "The stack, the hosts, the images and the placement are checked first: if anything is wrong, "
                + "nothing is touched.");
        alert.getDialogPane().setId("redeploy-dialog");
        alert.getDialogPane().setPrefWidth(560);
        Button confirm = (Button) alert.getDialogPane().lookupButton(redeploy);
        confirm.setId("confirm-redeploy");
        confirm.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.setOnHidden(e -> {
            if (alert.getResult() == redeploy) {
                onConfirm.run();
            }
        });
        alert.show();
    }
}
