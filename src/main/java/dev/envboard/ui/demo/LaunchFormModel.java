package dev.envboard.ui.demo;

import dev.envboard.demo.DemoNames;
import dev.envboard.demo.LaunchRequest;
import dev.envboard.demo.template.DemoDuration;
import dev.envboard.demo.template.DemoTemplate;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.demo.template.TemplateVariable;
import dev.envboard.pool.Availability;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostState;
import dev.envboard.pool.PoolSpec;
import dev.envboard.yaml.InputProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Launch demo" form: the pool's templates (bad ones listed with their problems, not
 * launchable), the customer and the template's variables, the hosts (N free ones, or the cards
 * selected in Unassigned) and the lifetime. Every field says what is wrong with it while the user
 * types, and {@link #validProperty()} holds only when the launch would pass these checks; the
 * service checks everything again. FX thread only; no Nodes.
 */
public final class LaunchFormModel {
    /** A template as the form lists it: one to launch, or a bad one with every problem (file:line: key: message). */
    public record TemplateChoice(String name, DemoTemplate template, List<String> problems) {
        public TemplateChoice {
            problems = List.copyOf(problems);
        }

        public boolean launchable() {
            return template != null;
        }

        public String title() {
            return template == null ? name : template.title();
        }

        /** "needs 2 hosts · lives 3d, at most 14d" */
        public String summary() {
            if (template == null) {
                return "cannot be launched: " + problems.size() + (problems.size() == 1 ? " problem" : " problems");
            }
            return "needs " + template.hosts() + (template.hosts() == 1 ? " host" : " hosts") + " · lives "
                    + DemoDuration.format(template.lifetime().defaultLifetime()) + ", at most "
                    + DemoDuration.format(template.lifetime().max());
        }
    }

    /** One of the template's variables as a form field: its label, its value (the default at first), and what is wrong with it. */
    public static final class VariableField {
        private final TemplateVariable variable;
        private final StringProperty value;
        private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

        VariableField(TemplateVariable variable) {
            this.variable = variable;
            this.value = new SimpleStringProperty(variable.defaultValue() == null ? "" : variable.defaultValue());
        }

        public String name() {
            return variable.name();
        }

        public String label() {
            return variable.label();
        }

        public StringProperty valueProperty() {
            return value;
        }

        public ReadOnlyStringProperty problemProperty() {
            return problem.getReadOnlyProperty();
        }

        boolean check() {
            problem.set(variable.problem(value.get() == null ? "" : value.get()).orElse(""));
            return problem.get().isEmpty();
        }
    }

    private final PoolSpec pool;
    private List<Host> free;
    private final List<Host> selected;
    private final Set<String> environments;
    private final String listingProblem;
    private final ObservableList<TemplateChoice> templates = FXCollections.observableArrayList();
    private final ObjectProperty<TemplateChoice> template = new SimpleObjectProperty<>();
    private final StringProperty customer = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper customerProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper environment = new ReadOnlyStringWrapper("");
    private final ObservableList<VariableField> variables = FXCollections.observableArrayList();
    private final IntegerProperty hostCount = new SimpleIntegerProperty(1);
    private final BooleanProperty useSelected = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper hostsProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hostsText = new ReadOnlyStringWrapper("");
    private final StringProperty lifetime = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper lifetimeProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lifetimeHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();

    /**
     * @param listing      the pool's templates as the service read them
     * @param hosts        the pool's hosts now (the board's snapshot): the free ones are those in Unassigned, ready and active
     * @param selected     the cards selected on the board; offered as the demo's hosts when they are all in Unassigned
     * @param environments the environments the board shows: a demo's name must be new
     */
    public LaunchFormModel(PoolSpec pool, TemplateCatalog.Listing listing, List<Host> hosts, List<Host> selected,
                           Set<String> environments) {
        this.pool = pool;
        this.free = free(hosts);
        this.selected = selected.stream().filter(Host::isUnassigned).toList();
        this.environments = Set.copyOf(environments);
        this.listingProblem = listing.problem();
        listing.templates().forEach(t -> templates.add(new TemplateChoice(t.name(), t, List.of())));
        listing.invalid().forEach((name, problems) -> templates.add(new TemplateChoice(name, null,
                problems.stream().map(InputProblem::toString).toList())));
        useSelected.set(!this.selected.isEmpty() && this.selected.size() == selected.size());
        template.addListener((obs, old, now) -> templateChosen(now));
        customer.addListener((obs, old, now) -> validate());
        hostCount.addListener((obs, old, now) -> validate());
        useSelected.addListener((obs, old, now) -> validate());
        lifetime.addListener((obs, old, now) -> validate());
        templates.stream().filter(TemplateChoice::launchable).findFirst().ifPresent(template::set);
        validate();
    }

    private static List<Host> free(List<Host> hosts) {
        return hosts.stream().filter(LaunchFormModel::isFree)
                .sorted(Comparator.comparingInt(Host::running).thenComparing(Host::displayName)).toList();
    }

    /** The pool's hosts as they are now (a new snapshot while the form is open): the free ones are counted again. */
    public void hosts(List<Host> hosts) {
        free = free(hosts);
        validate();
    }

    /** The form is closed: it no longer follows the pool's hosts. */
    public void close() {
        onClose.run();
    }

    /** Runs when the form closes (the model stops feeding it snapshots). */
    void onClose(Runnable then) {
        onClose = then;
    }

    private Runnable onClose = () -> { };

    /** A host a demo may be launched on: unassigned, answering, active (the service's own rule). */
    static boolean isFree(Host host) {
        return host.isUnassigned() && host.state() == HostState.READY && host.availability() == Availability.ACTIVE;
    }

    public PoolSpec pool() {
        return pool;
    }

    /** Good templates first, then the bad ones, each as the service read it. */
    public ObservableList<TemplateChoice> templates() {
        return templates;
    }

    /** Why the pool's templates folder could not be read (or there is none); null when it could. */
    public String listingProblem() {
        return listingProblem;
    }

    /** Chooses a template; a bad one is refused (it stays listed with its problems). */
    public boolean choose(TemplateChoice choice) {
        if (choice == null || !choice.launchable()) {
            return false;
        }
        template.set(choice);
        return true;
    }

    public ObjectProperty<TemplateChoice> templateProperty() {
        return template;
    }

    public StringProperty customerProperty() {
        return customer;
    }

    public ReadOnlyStringProperty customerProblemProperty() {
        return customerProblem.getReadOnlyProperty();
    }

    /** The demo's environment as the customer names it ("demo-acme"), or empty while it names none. */
    public ReadOnlyStringProperty environmentProperty() {
        return environment.getReadOnlyProperty();
    }

    /** The chosen template's variables, in its order. */
    public ObservableList<VariableField> variables() {
        return variables;
    }

    public IntegerProperty hostCountProperty() {
        return hostCount;
    }

    /** Whether cards are selected in Unassigned to launch on (the checkbox is offered only then). */
    public boolean canUseSelected() {
        return !selected.isEmpty();
    }

    public List<Host> selectedHosts() {
        return selected;
    }

    public BooleanProperty useSelectedProperty() {
        return useSelected;
    }

    /** Too few free hosts (and how many are missing), or too few selected; empty when the hosts will do. */
    public ReadOnlyStringProperty hostsProblemProperty() {
        return hostsProblem.getReadOnlyProperty();
    }

    /** Which hosts the demo gets, e.g. "on envboard-host-1, envboard-host-2 (2 of 3 free)". */
    public ReadOnlyStringProperty hostsTextProperty() {
        return hostsText.getReadOnlyProperty();
    }

    /** The lifetime as typed ("3d", "12h"); empty for the template's default. */
    public StringProperty lifetimeProperty() {
        return lifetime;
    }

    public ReadOnlyStringProperty lifetimeProblemProperty() {
        return lifetimeProblem.getReadOnlyProperty();
    }

    /** "3d by default, at most 14d" */
    public ReadOnlyStringProperty lifetimeHintProperty() {
        return lifetimeHint.getReadOnlyProperty();
    }

    /** True when every field passes: Launch is enabled only then. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** What Launch asks the service for; call only while valid. */
    public LaunchRequest request() {
        DemoTemplate chosen = template.get().template();
        Map<String, String> values = new LinkedHashMap<>();
        variables.forEach(v -> values.put(v.name(), v.valueProperty().get() == null ? "" : v.valueProperty().get()));
        boolean onSelected = useSelected.get() && canUseSelected();
        return new LaunchRequest(chosen.name(), customer.get().strip(), onSelected ? 0 : hostCount.get(),
                onSelected ? selected.stream().map(Host::key).toList() : List.of(), parsedLifetime().orElse(null), values, false);
    }

    private void templateChosen(TemplateChoice choice) {
        variables.forEach(v -> v.valueProperty().removeListener(onVariable));
        variables.clear();
        if (choice != null && choice.launchable()) {
            DemoTemplate chosen = choice.template();
            chosen.variables().forEach(v -> variables.add(new VariableField(v)));
            variables.forEach(v -> v.valueProperty().addListener(onVariable));
            hostCount.set(chosen.hosts());
            lifetime.set(DemoDuration.format(chosen.lifetime().defaultLifetime()));
            lifetimeHint.set(DemoDuration.format(chosen.lifetime().defaultLifetime()) + " by default, at most "
                    + DemoDuration.format(chosen.lifetime().max()));
        }
        validate();
    }

    private final javafx.beans.value.ChangeListener<String> onVariable = (obs, old, now) -> validate();

    private void validate() {
        TemplateChoice choice = template.get();
        boolean ok = choice != null && choice.launchable();
        ok &= checkCustomer();
        for (VariableField field : variables) {
            ok &= field.check();
        }
        ok &= checkHosts(choice);
        ok &= checkLifetime(choice);
        valid.set(ok);
    }

    private boolean checkCustomer() {
        String name = customer.get() == null ? "" : customer.get().strip();
        environment.set("");
        if (name.isEmpty()) {
            customerProblem.set("name the customer: the demo is called " + DemoNames.PREFIX + "CUSTOMER");
            return false;
        }
        String env;
        try {
            env = DemoNames.environment(name);
        } catch (IllegalArgumentException e) {
            customerProblem.set(e.getMessage());
            return false;
        }
        environment.set(env);
        if (environments.contains(env)) {
            customerProblem.set(env + " is on the board already: name the customer differently, or tear that one down first");
            return false;
        }
        customerProblem.set("");
        return true;
    }

    private boolean checkHosts(TemplateChoice choice) {
        if (choice == null || !choice.launchable()) {
            hostsProblem.set("");
            hostsText.set("");
            return false;
        }
        int needed = choice.template().hosts();
        if (useSelected.get() && canUseSelected()) {
            List<String> problems = new ArrayList<>();
            selected.stream().filter(h -> !isFree(h)).forEach(h -> problems.add(h.displayName() + " is not free ("
                    + h.state().label() + "/" + h.availability().label() + ")"));
            if (selected.size() < needed) {
                problems.add(choice.template().name() + " needs " + needed + " hosts; " + selected.size() + " selected: "
                        + (needed - selected.size()) + " missing");
            }
            hostsProblem.set(String.join("\n", problems));
            hostsText.set("on the selected " + names(selected));
            return problems.isEmpty();
        }
        int wanted = hostCount.get();
        if (wanted < needed) {
            hostsProblem.set(choice.template().name() + " needs at least " + needed + (needed == 1 ? " host" : " hosts"));
            hostsText.set("");
            return false;
        }
        if (free.size() < wanted) {
            hostsProblem.set("needs " + wanted + " free hosts; pool " + pool.name() + " has " + free.size() + " in Unassigned"
                    + (free.isEmpty() ? "" : " (" + names(free) + ")") + ": " + (wanted - free.size()) + " missing");
            hostsText.set("");
            return false;
        }
        hostsProblem.set("");
        hostsText.set("on " + names(free.subList(0, wanted)) + " (" + wanted + " of " + free.size() + " free)");
        return true;
    }

    private boolean checkLifetime(TemplateChoice choice) {
        if (choice == null || !choice.launchable()) {
            lifetimeProblem.set("");
            return false;
        }
        Duration max = choice.template().lifetime().max();
        String text = lifetime.get() == null ? "" : lifetime.get().strip();
        if (text.isEmpty()) {
            lifetimeProblem.set("");
            return true;
        }
        Duration parsed;
        try {
            parsed = DemoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            lifetimeProblem.set(e.getMessage());
            return false;
        }
        if (parsed.compareTo(max) > 0) {
            lifetimeProblem.set("a demo of " + choice.template().name() + " lives at most " + DemoDuration.format(max)
                    + " (keep it once launched to go past that)");
            return false;
        }
        lifetimeProblem.set("");
        return true;
    }

    private Optional<Duration> parsedLifetime() {
        String text = lifetime.get() == null ? "" : lifetime.get().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(DemoDuration.parse(text));
    }

    private static String names(List<Host> hosts) {
        return String.join(", ", hosts.stream().map(Host::displayName).toList());
    }
}
