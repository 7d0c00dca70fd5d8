package dev.envboard.ui.shell;

import dev.envboard.ui.common.Operations;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's layout: pool bar and problems on top, navigation on the left, the selected
 * section in the middle (or the welcome page when no pool answers), status bar at the bottom.
 */
public final class ShellView extends BorderPane {
    private final StackPane content = new StackPane();
    private final Map<NavSection, Supplier<Node>> sections;
    private final Supplier<Node> welcome;
    private final ShellViewModel model;

    /**
     * @param sections builds each section's view the first time it is shown
     * @param welcome  builds the view shown while no pool answers, the first time it is needed
     */
    public ShellView(ShellViewModel model, Operations operations, Button themeToggle,
                     Map<NavSection, Supplier<Node>> sections, Supplier<Node> welcome) {
        this.model = model;
        this.sections = new java.util.EnumMap<>(NavSection.class);
        this.welcome = memoize(welcome);
        sections.forEach((section, factory) -> this.sections.put(section, memoize(factory)));
        getStyleClass().add("shell");
        setTop(new VBox(new PoolBar(model, themeToggle), new ProblemsBanner(model.problems())));
        setLeft(new NavBar(model));
        content.getStyleClass().add("content");
        setCenter(content);
        setBottom(new StatusLine(model, operations));
        model.sectionProperty().addListener((obs, old, now) -> showContent());
        model.welcomeNeededProperty().addListener((obs, old, now) -> showContent());
        showContent();
    }

    private void showContent() {
        Node node = model.welcomeNeededProperty().get() ? welcome.get() : sections.get(model.sectionProperty().get()).get();
        content.getChildren().setAll(node);
    }

    private static Supplier<Node> memoize(Supplier<Node> factory) {
        Node[] built = new Node[1];
        return () -> {
            if (built[0] == null) {
                built[0] = factory.get();
            }
            return built[0];
        };
    }
}
