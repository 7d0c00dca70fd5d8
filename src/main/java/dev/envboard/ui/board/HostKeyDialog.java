package dev.envboard.ui.board;

import dev.envboard.ssh.UnknownHostKeyException;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The SSH host key of a host is not known: show its fingerprint and let the user decide. The
 * default button is Cancel: trusting a key must be a deliberate act.
 */
final class HostKeyDialog {
    private HostKeyDialog() {
    }

    static void show(Window owner, String hostname, UnknownHostKeyException unknown, Consumer<Boolean> answer) {
        ButtonType trust = new ButtonType("Trust and retry", ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.WARNING, null, trust, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Unknown SSH host key");
        alert.setHeaderText("Envboard has never seen the SSH host key of " + hostname);
        alert.setContentText(unknown.host() + ":" + unknown.port() + " presents\n\n    " + unknown.keyType() + " "
                + unknown.fingerprint() + "\n\nTrust it only if it is the host's real key: compare it with\n"
                + "    ssh-keygen -lf /etc/ssh/ssh_host_" + keyFile(unknown.keyType()) + "_key.pub\n"
                + "run on the host itself. It will be added to " + unknown.knownHosts() + ".");
        alert.getDialogPane().setId("host-key-dialog");
        alert.getDialogPane().setPrefWidth(620);
        ((Button) alert.getDialogPane().lookupButton(trust)).setId("trust-host-key");
        ((Button) alert.getDialogPane().lookupButton(trust)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.setOnHidden(e -> answer.accept(alert.getResult() == trust));
        alert.show();
    }

    private static String keyFile(String keyType) {
        if (keyType.contains("ed25519")) {
            return "ed25519";
        }
        if (keyType.contains("ecdsa")) {
            return "ecdsa";
        }
        return "rsa";
    }
}
