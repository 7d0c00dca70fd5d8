package dev.envboard.ui.demo;

import java.util.concurrent.Executor;
import javafx.application.HostServices;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Links as the desktop has them: the browser through HostServices, and the system clipboard. */
public final class SystemLinks implements Links {
    private final HostServices hostServices;
    private final Executor io;

    /** @param io where the browser is started: HostServices looks for one by running programs, which blocks */
    public SystemLinks(HostServices hostServices, Executor io) {
        this.hostServices = hostServices;
        this.io = io;
    }

    @Override
    public void open(String url) {
        io.execute(() -> hostServices.showDocument(url));
    }

    @Override
    public void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
