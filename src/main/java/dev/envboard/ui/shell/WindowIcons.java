package dev.envboard.ui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * The application icon in every size icons/render.sh makes (the build copies icons/*.png onto the
 * class path), so the window manager, the task bar and Alt+Tab each pick a sharp one instead of
 * scaling a single image.
 */
public final class WindowIcons {
    /** The sizes of icons/envboard-NN.png, smallest first. */
    public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);
    private static final String FOLDER = "/dev/envboard/ui/icons/";

    private WindowIcons() {
    }

    public static List<Image> load() {
        List<Image> icons = new ArrayList<>(SIZES.size());
        for (int size : SIZES) {
            String name = FOLDER + "envboard-" + size + ".png";
            try (InputStream png = WindowIcons.class.getResourceAsStream(name)) {
                if (png == null) {
                    throw new IllegalStateException("the window icon " + name + " is not on the class path"
                            + " (the build copies it from icons/envboard-" + size + ".png)");
                }
                Image icon = new Image(png);
                if (icon.isError()) {
                    throw new IllegalStateException("the window icon " + name + " does not load: " + icon.getException(),
                            icon.getException());
                }
                icons.add(icon);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the window icon " + name, e);
            }
        }
        return icons;
    }
}
