package dev.envboard.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * Light and dark look: AtlantaFX Primer as the base, then Envboard's stylesheet; the dark variant
 * only overrides looked-up colours.
 */
public final class Theme {
    public enum Mode {
        SYSTEM, LIGHT, DARK;

        public Mode next() {
            return values()[(ordinal() + 1) % values().length];
        }

        public static Mode parse(String text) {
            try {
                return text == null ? SYSTEM : valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return SYSTEM;
            }
        }
    }

    private static final String BASE = Theme.class.getResource("/dev/envboard/ui/envboard.css").toExternalForm();
    private static final String DARK = Theme.class.getResource("/dev/envboard/ui/envboard-dark.css").toExternalForm();

    private final boolean systemDark;

    public Theme(Map<String, String> env) {
        // JavaFX 21 cannot ask the desktop for its colour scheme; GTK_THEME is the portable hint.
        String gtk = env.getOrDefault("GTK_THEME", "");
        this.systemDark = gtk.toLowerCase(Locale.ROOT).contains("dark");
    }

    public boolean isDark(Mode mode) {
        return mode == Mode.DARK || (mode == Mode.SYSTEM && systemDark);
    }

    public void apply(Scene scene, Mode mode) {
        boolean dark = isDark(mode);
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (dark) {
            scene.getStylesheets().setAll(BASE, DARK);
        } else {
            scene.getStylesheets().setAll(BASE);
        }
    }
}
