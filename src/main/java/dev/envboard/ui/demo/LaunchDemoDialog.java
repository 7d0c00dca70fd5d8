package dev.envboard.ui.demo;

import dev.envboard.pool.Host;
import dev.envboard.ui.common.Controls;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The "Launch demo" dialog: the pool's templates (a bad one shows its problems and cannot be
 * chosen), the customer and the template's variables, the hosts and the lifetime. Each field says
 * what is wrong under it; Launch is enabled only while the form is valid.
 */
final class LaunchDemoDialog {
    private LaunchDemoDialog() {
    }

    static void show(Window owner, LaunchFormModel form, Consumer<LaunchFormModel> onLaunch) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Launch demo");
        dialog.setHeaderText("Launch a demo on free hosts of " + form.pool().name());
        dialog.setResizable(true);
        ButtonType launch = new ButtonType("Launch", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(launch, ButtonType.CANCEL);
        dialog.getDialogPane().setId("launch-demo-dialog");
        dialog.getDialogPane().getStyleClass().add("launch-demo");
        Button confirm = (Button) dialog.getDialogPane().lookupButton(launch);
        confirm.setId("confirm-launch");
        confirm.disableProperty().bind(form.validProperty().not());

        VBox content = new VBox(10);
        if (form.listingProblem() != null) {
            Label problem = Controls.styled(form.listingProblem(), "field-problem");
            problem.setId("launch-listing-problem");
            problem.setWrapText(true);
            content.getChildren().add(problem);
        }
        content.getChildren().addAll(Controls.styled("Template", "launch-section"), templates(form), fields(form));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(580);
        scroll.getStyleClass().add("launch-scroll");
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().setPrefWidth(660);
        dialog.setOnShown(e -> dialog.getDialogPane().lookup("#launch-customer").requestFocus());
        dialog.setOnHidden(e -> {
            form.close();
            if (dialog.getResult() == launch && form.validProperty().get()) {
                onLaunch.accept(form);
            }
        });
        dialog.show();
    }

    private static ListView<LaunchFormModel.TemplateChoice> templates(LaunchFormModel form) {
        ListView<LaunchFormModel.TemplateChoice> list = new ListView<>(form.templates());
        list.setId("launch-templates");
        list.setPrefHeight(form.templates().size() <= 1 ? 110 : 180);
        list.setCellFactory(view -> new TemplateCell());
        list.getSelectionModel().select(form.templateProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !form.choose(now)) {
                list.getSelectionModel().select(form.templateProperty().get());
            }
        });
        if (form.templates().isEmpty()) {
            list.setPlaceholder(Controls.styled("No templates in this pool's templates: folder", "muted"));
        }
        return list;
    }

    /** A template's title, what it needs and its description; a bad one its problems, greyed and not selectable. */
    private static final class TemplateCell extends ListCell<LaunchFormModel.TemplateChoice> {
        TemplateCell() {
            setPrefWidth(0); // the list's width, not the text's: long descriptions wrap instead of scrolling sideways
        }

        @Override
        protected void updateItem(LaunchFormModel.TemplateChoice choice, boolean empty) {
            super.updateItem(choice, empty);
            setText(null);
            if (empty || choice == null) {
                setGraphic(null);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), false);
                return;
            }
            Label title = Controls.styled(choice.title() + "  (" + choice.name() + ")", "launch-template-title");
            Label summary = Controls.styled(choice.summary(), "muted", "launch-template-summary");
            VBox box = new VBox(2, title, summary);
            if (choice.launchable()) {
                if (!choice.template().description().isEmpty()) {
                    Label description = new Label(choice.template().description());
                    description.setWrapText(true);
                    description.prefWidthProperty().bind(getListView().widthProperty().subtract(40));
                    description.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                    box.getChildren().add(description);
                }
            } else {
                Label problems = Controls.styled(String.join("\n", choice.problems()), "field-problem");
                problems.setWrapText(true);
                problems.prefWidthProperty().bind(getListView().widthProperty().subtract(40));
                problems.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                box.getChildren().add(problems);
            }
            box.maxWidthProperty().bind(getListView().widthProperty().subtract(30));
            summary.setWrapText(true);
            title.setWrapText(true);
            setGraphic(box);
            // Not disabled: its problems must stay readable; choosing it is refused by the form.
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), !choice.launchable());
            setId("launch-template-" + choice.name());
        }
    }

    private static GridPane fields(LaunchFormModel form) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(2);
        grid.setPadding(new Insets(6, 0, 0, 0));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        labels.setMinWidth(120);
        labels.setMaxWidth(200);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, inputs);
        Runnable layout = () -> layoutFields(grid, form);
        form.variables().addListener((ListChangeListener<LaunchFormModel.VariableField>) change -> layout.run());
        layout.run();
        return grid;
    }

    private static void layoutFields(GridPane grid, LaunchFormModel form) {
        grid.getChildren().clear();
        int row = 0;
        TextField customer = new TextField();
        customer.setId("launch-customer");
        customer.setPromptText("e.g. Acme");
        customer.textProperty().bindBidirectional(form.customerProperty());
        Label environment = Controls.styled("", "muted", "launch-hint");
        environment.setId("launch-environment");
        environment.textProperty().bind(Bindings.createStringBinding(() -> form.environmentProperty().get().isEmpty() ? ""
                : "environment " + form.environmentProperty().get(), form.environmentProperty()));
        row = field(grid, row, "Customer", customer, environment, problem("launch-customer-problem", form.customerProblemProperty()));

        for (LaunchFormModel.VariableField variable : form.variables()) {
            TextField value = new TextField();
            value.setId("launch-var-" + variable.name());
            value.textProperty().bindBidirectional(variable.valueProperty());
            Label name = Controls.styled(variable.name(), "muted", "launch-hint");
            row = field(grid, row, variable.label(), value, name, problem("launch-var-" + variable.name() + "-problem",
                    variable.problemProperty()));
        }

        Spinner<Integer> hosts = new Spinner<>();
        hosts.setId("launch-hosts");
        SpinnerValueFactory.IntegerSpinnerValueFactory counts = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 99);
        javafx.beans.property.ObjectProperty<Integer> count = form.hostCountProperty().asObject();
        counts.valueProperty().bindBidirectional(count);
        hosts.getProperties().put("host-count", count); // bidirectional bindings hold their ends weakly
        hosts.setValueFactory(counts);
        hosts.setPrefWidth(90);
        VBox hostsBox = new VBox(4, hosts);
        if (form.canUseSelected()) {
            CheckBox selected = new CheckBox("Use the selected hosts (" + String.join(", ",
                    form.selectedHosts().stream().map(Host::displayName).toList()) + ")");
            selected.setId("launch-use-selected");
            selected.setWrapText(true);
            selected.selectedProperty().bindBidirectional(form.useSelectedProperty());
            hosts.disableProperty().bind(form.useSelectedProperty());
            hostsBox.getChildren().add(selected);
        }
        Label picked = Controls.styled("", "muted", "launch-hint");
        picked.setId("launch-hosts-picked");
        picked.setWrapText(true);
        picked.textProperty().bind(form.hostsTextProperty());
        row = field(grid, row, "Hosts", hostsBox, picked, problem("launch-hosts-problem", form.hostsProblemProperty()));

        TextField lifetime = new TextField();
        lifetime.setId("launch-lifetime");
        lifetime.setPrefColumnCount(8);
        lifetime.textProperty().bindBidirectional(form.lifetimeProperty());
        Label hint = Controls.styled("", "muted", "launch-hint");
        hint.textProperty().bind(form.lifetimeHintProperty());
        field(grid, row, "Lifetime", lifetime, hint, problem("launch-lifetime-problem", form.lifetimeProblemProperty()));
    }

    /** A labelled input with its hint and its problem under it; returns the next free row. */
    private static int field(GridPane grid, int row, String label, javafx.scene.Node input, Label hint, Label problem) {
        Label name = new Label(label);
        name.setWrapText(true);
        name.setLabelFor(input);
        grid.add(name, 0, row);
        grid.add(input, 1, row);
        grid.add(hint, 1, row + 1);
        hint.managedProperty().bind(hint.textProperty().isNotEmpty());
        hint.visibleProperty().bind(hint.managedProperty());
        grid.add(problem, 1, row + 2);
        GridPane.setMargin(problem, new Insets(0, 0, 6, 0));
        return row + 3;
    }

    private static Label problem(String id, javafx.beans.value.ObservableValue<String> text) {
        Label problem = Controls.styled("", "field-problem");
        problem.setId(id);
        problem.setWrapText(true);
        problem.textProperty().bind(text);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        return problem;
    }
}
