package dev.envboard.ui.containers;

import dev.envboard.containers.ContainerActions;
import dev.envboard.containers.ContainerRow;
import dev.envboard.containers.PoolContainerWatch;
import dev.envboard.containers.RowSink;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolStatus;
import dev.envboard.ui.common.Operations;
import dev.envboard.ui.shell.PoolItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;

/**
 * The selected pool's containers, live. Watch threads report into a map of pending changes;
 * the FX thread applies them in one go (at most once per pulse), so an event storm costs one
 * table update, not thousands.
 */
public final class ContainersViewModel {
    public static final String ALL = "All";
    static final String NO_CONTAINERS = "No containers in this pool (yet)";

    private final DockerClients clients;
    private final ScheduledExecutorService timer;
    private final Executor io;
    private final Executor fx;
    private final Operations operations;
    private final ContainerActions actions;
    private final ObservableList<ContainerRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ContainerRow> visible = new FilteredList<>(rows, r -> true);
    private final ObservableMap<String, String> hostProblems = FXCollections.observableMap(new TreeMap<>());
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final ObservableList<String> environments = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> hosts = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> services = FXCollections.observableArrayList(ALL);
    private final ObjectProperty<String> environment = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<String> host = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<String> service = new SimpleObjectProperty<>(ALL);
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<String> coverage = new SimpleObjectProperty<>();
    private final StringProperty emptyText = new SimpleStringProperty(NO_CONTAINERS);

    private final Map<String, Optional<ContainerRow>> pending = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> pendingHosts = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Map<String, Integer> index = new HashMap<>();
    private final ContainerChoices choices = new ContainerChoices();
    private final javafx.beans.value.ChangeListener<PoolSnapshot> onPoolSnapshot = (obs, old, snapshot) -> onSnapshot(snapshot);
    private volatile PoolContainerWatch watch;
    private PoolItem watched;
    /** A watch is being started on the I/O executor; {@code newest} is the last snapshot seen meanwhile. */
    private boolean starting;
    private PoolSnapshot newest;
    /** Read by watch threads: a report from an older generation is dropped. */
    private volatile int generation;
    private final Object lifecycle = new Object();
    private boolean closed;

    public ContainersViewModel(ObjectProperty<PoolItem> selectedPool, DockerClients clients, ScheduledExecutorService timer,
                               Executor io, Executor fx, Operations operations) {
        this.clients = clients;
        this.timer = timer;
        this.io = io;
        this.fx = fx;
        this.operations = operations;
        this.actions = new ContainerActions(clients);
        for (var property : List.of(environment, host, service)) {
            property.addListener((obs, old, now) -> refilter());
        }
        text.addListener((obs, old, now) -> refilter());
        selectedPool.addListener((obs, old, now) -> watch(now));
        watch(selectedPool.get());
    }

    // ---- watching ---------------------------------------------------------------------------

    private void watch(PoolItem item) {
        stop();
        if (watched != null) {
            watched.snapshotProperty().removeListener(onPoolSnapshot);
        }
        watched = item;
        if (item == null) {
            return;
        }
        item.snapshotProperty().addListener(onPoolSnapshot);
        onSnapshot(item.snapshot());
    }

    private void onSnapshot(PoolSnapshot snapshot) {
        if (snapshot.status() == PoolStatus.UNKNOWN) {
            emptyText.set(watch == null ? "Waiting for " + snapshot.pool().name() + " to answer…" : NO_CONTAINERS);
            return;
        }
        if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
            emptyText.set(snapshot.pool().name() + " cannot be reached" + (snapshot.message() == null ? "" : ": " + snapshot.message()));
            return;
        }
        emptyText.set(NO_CONTAINERS);
        int mine;
        // A snapshot queued on the FX thread before close() must not start a watch after it.
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            if (watch != null) {
                watch.update(snapshot);
                return;
            }
            newest = snapshot;
            if (starting) {
                return;
            }
            starting = true;
            mine = ++generation;
        }
        RowSink sink = sinkFor(mine);
        try {
            // Starting makes a client per engine (reading TLS files) and connects: off the FX thread.
            io.execute(() -> start(snapshot, sink, mine));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            synchronized (lifecycle) {
                starting = false;
            }
            return;
        }
        coverage.set(PoolContainerWatch.watchesNodes(snapshot.pool()) ? null
                : "Only the manager's own containers are live: list each node's engine under engines: in pools.yaml to see all of them.");
    }

    private void start(PoolSnapshot snapshot, RowSink sink, int mine) {
        PoolContainerWatch started;
        try {
            started = new PoolContainerWatch(snapshot, clients, timer, io, sink);
        } catch (RuntimeException e) {
            synchronized (lifecycle) {
                if (generation == mine) {
                    starting = false;
                }
            }
            fx.execute(() -> notices.add("cannot watch the containers of " + snapshot.pool().name() + ": "
                    + dev.envboard.docker.DockerErrors.describe(e)));
            return;
        }
        synchronized (lifecycle) {
            if (!closed && generation == mine) {
                starting = false;
                watch = started;
                started.update(newest); // snapshots that came while it started
                return;
            }
        }
        started.close(); // another pool was selected, or the window closed, meanwhile
    }

    private RowSink sinkFor(int mine) {
        return new RowSink() {
            @Override
            public void upsert(ContainerRow row) {
                offer(mine, () -> pending.put(row.key(), Optional.of(row)));
            }

            @Override
            public void remove(String key) {
                offer(mine, () -> pending.put(key, Optional.empty()));
            }

            @Override
            public void hostState(String hostName, String problem) {
                offer(mine, () -> pendingHosts.put(hostName, Optional.ofNullable(problem)));
            }
        };
    }

    /** Called on watch threads: record the change, and ask the FX thread for one flush. */
    private void offer(int fromGeneration, Runnable record) {
        if (fromGeneration != generation) {
            return; // a report of the pool we stopped watching
        }
        record.run();
        if (flushScheduled.compareAndSet(false, true)) {
            fx.execute(this::flush);
        }
    }

    private void flush() {
        flushScheduled.set(false);
        Map<String, Optional<ContainerRow>> changes = new HashMap<>();
        for (String key : new ArrayList<>(pending.keySet())) {
            changes.put(key, pending.remove(key));
        }
        apply(changes, rows, index, choices);
        for (String hostName : new ArrayList<>(pendingHosts.keySet())) {
            Optional<String> problem = pendingHosts.remove(hostName);
            if (problem == null || problem.isEmpty()) {
                hostProblems.remove(hostName);
            } else {
                hostProblems.put(hostName, problem.get());
            }
        }
        updateChoices();
    }

    /**
     * Applies one batch of changes to the rows and their positions: removals first, since they
     * shift the positions that updates use, then updates and additions.
     */
    static void apply(Map<String, Optional<ContainerRow>> changes, List<ContainerRow> rows, Map<String, Integer> index) {
        apply(changes, rows, index, new ContainerChoices());
    }

    /** As above, moving {@code choices} along with each row added, changed or removed. */
    static void apply(Map<String, Optional<ContainerRow>> changes, List<ContainerRow> rows, Map<String, Integer> index,
                      ContainerChoices choices) {
        Set<String> gone = new HashSet<>();
        changes.forEach((key, row) -> {
            if (row.isEmpty() && index.containsKey(key)) {
                gone.add(key);
            }
        });
        if (!gone.isEmpty()) {
            rows.removeIf(row -> {
                if (gone.contains(row.key())) {
                    choices.replaced(row, null);
                    return true;
                }
                return false;
            });
            index.clear();
            for (int i = 0; i < rows.size(); i++) {
                index.put(rows.get(i).key(), i);
            }
        }
        for (Map.Entry<String, Optional<ContainerRow>> change : changes.entrySet()) {
            if (change.getValue().isEmpty()) {
                continue;
            }
            ContainerRow row = change.getValue().get();
            Integer at = index.get(change.getKey());
            if (at == null) {
                index.put(change.getKey(), rows.size());
                rows.add(row);
                choices.replaced(null, row);
            } else if (!Objects.equals(rows.get(at), row)) {
                choices.replaced(rows.set(at, row), row);
            }
        }
    }

    private void stop() {
        PoolContainerWatch stopping;
        synchronized (lifecycle) {
            generation++;
            stopping = watch;
            watch = null;
            starting = false;
        }
        if (stopping != null) {
            closeOffFx(stopping);
        }
        pending.clear();
        pendingHosts.clear();
        rows.clear();
        index.clear();
        choices.clear();
        hostProblems.clear();
        updateChoices();
    }

    /** Closing ends event streams, which can wait on the network: not on the FX thread. */
    private void closeOffFx(PoolContainerWatch stopping) {
        try {
            io.execute(stopping::close);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            stopping.close();
        }
    }

    /** Stops the watchers; from any thread, as the window may already be gone. */
    public void close() {
        PoolContainerWatch closing;
        synchronized (lifecycle) {
            closed = true;
            generation++;
            closing = watch;
            watch = null;
            starting = false;
        }
        if (closing != null) {
            closing.close();
        }
    }

    // ---- filters ----------------------------------------------------------------------------

    private void refilter() {
        String env = environment.get();
        String onHost = host.get();
        String svc = service.get();
        String needle = text.get() == null ? "" : text.get().trim().toLowerCase(Locale.ROOT);
        visible.setPredicate(r -> matches(env, r.environment()) && matches(onHost, r.host()) && matches(svc, r.service())
                && (needle.isEmpty() || (r.name() + " " + r.service() + " " + r.image() + " " + r.host() + " " + r.state())
                        .toLowerCase(Locale.ROOT).contains(needle)));
    }

    private static boolean matches(String choice, String value) {
        return choice == null || ALL.equals(choice) || choice.equals(value);
    }

    private void updateChoices() {
        if (!choices.takeChanged()) {
            return; // no value appeared or went: the boxes stay as they are
        }
        setChoices(environments, choices.environments(), environment);
        setChoices(hosts, choices.hosts(), host);
        setChoices(services, choices.services(), service);
    }

    private static void setChoices(ObservableList<String> list, List<String> values, ObjectProperty<String> chosen) {
        TreeSet<String> distinct = new TreeSet<>(values);
        if (chosen.get() != null && !ALL.equals(chosen.get())) {
            distinct.add(chosen.get()); // keep the user's choice even while nothing matches it
        }
        List<String> next = new ArrayList<>();
        next.add(ALL);
        next.addAll(distinct);
        if (!list.equals(next)) {
            list.setAll(next);
        }
    }

    // ---- actions ----------------------------------------------------------------------------

    public void run(ContainerActions.Action action, ContainerRow row) {
        Optional<EndpointSpec> endpoint = endpointOf(row);
        if (endpoint.isEmpty()) {
            return;
        }
        operations.submit(new Task<Void>() {
            {
                updateTitle(action.name().charAt(0) + action.name().substring(1).toLowerCase() + " " + row.name());
            }

            @Override
            protected Void call() {
                actions.run(action, endpoint.get(), row);
                return null;
            }

            @Override
            protected void failed() {
                notices.add(getException().getMessage());
            }
        });
    }

    public void inspect(ContainerRow row, Consumer<String> show) {
        Optional<EndpointSpec> endpoint = endpointOf(row);
        if (endpoint.isEmpty()) {
            return;
        }
        java.util.concurrent.CompletableFuture.supplyAsync(() -> actions.inspect(endpoint.get(), row), io)
                .whenCompleteAsync((jsonText, error) -> {
                    if (error != null) {
                        notices.add(dev.envboard.docker.DockerErrors.describe(error));
                    } else {
                        show.accept(jsonText);
                    }
                }, fx);
    }

    private Optional<EndpointSpec> endpointOf(ContainerRow row) {
        if (row.containerId() == null || watch == null) {
            notices.add(row.name() + " has no container (yet): nothing to act on");
            return Optional.empty();
        }
        Optional<EndpointSpec> endpoint = watch.endpointOf(row.host());
        if (endpoint.isEmpty()) {
            notices.add("no engine endpoint known for " + row.host());
        }
        return endpoint;
    }

    // ---- properties -------------------------------------------------------------------------

    public ObservableList<ContainerRow> rows() {
        return rows;
    }

    public FilteredList<ContainerRow> visible() {
        return visible;
    }

    public ObservableMap<String, String> hostProblems() {
        return hostProblems;
    }

    public ObservableList<String> notices() {
        return notices;
    }

    public ObservableList<String> environments() {
        return environments;
    }

    public ObservableList<String> hosts() {
        return hosts;
    }

    public ObservableList<String> services() {
        return services;
    }

    public ObjectProperty<String> environmentProperty() {
        return environment;
    }

    public ObjectProperty<String> hostProperty() {
        return host;
    }

    public ObjectProperty<String> serviceProperty() {
        return service;
    }

    public StringProperty textProperty() {
        return text;
    }

    /** A note when not every container of the pool can be watched, else null. */
    /** What the empty table says: no containers, or why there are none to show yet. */
    public StringProperty emptyTextProperty() {
        return emptyText;
    }

    public ObjectProperty<String> coverageProperty() {
        return coverage;
    }
}
