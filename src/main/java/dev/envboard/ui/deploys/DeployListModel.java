package dev.envboard.ui.deploys;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.watch.DeployEntries;
import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.deploy.watch.DeployEvent;
import dev.envboard.deploy.watch.DeployFeed;
import dev.envboard.deploy.watch.DeployListing;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.shell.PoolItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Deploys view's list: every deploy of the selected pool's environments, whoever ran them (the
 * pool's records, followed live through each pool's feed) merged with this machine's history;
 * runs in progress elsewhere included. An environment filter narrows it. Every pool is followed,
 * not only the one on screen, so that watched environments hear of deploys wherever they are.
 * Touched on the FX thread only.
 */
public final class DeployListModel {
    private static final Logger LOG = Logger.getLogger(DeployListModel.class.getName());

    /** Follows one pool's deploys; the real one is {@code PoolDeploys.watch}. Blocks while it connects. */
    @FunctionalInterface
    public interface Feeds {
        AutoCloseable watch(PoolSpec pool, DeployFeed.Listener listener);

        Feeds NONE = (pool, listener) -> () -> { };
    }

    private final ObservableValue<PoolItem> selectedPool;
    private final ObservableList<DeployRecord> local;
    private final Executor io;
    private final Executor fx;
    private final Map<String, DeployListing> fromPool = new HashMap<>();
    private final ObservableList<DeployEntry> merged = FXCollections.observableArrayList();
    private final FilteredList<DeployEntry> shown = new FilteredList<>(merged);
    private final ObjectProperty<String> environment = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final List<Consumer<DeployEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> feeds = new ArrayList<>();
    private boolean closed;

    /**
     * @param pools    every pool: each is followed
     * @param local    this machine's history as the Deploys view holds it (newest first)
     * @param io       connects the feeds (off the FX thread)
     */
    public DeployListModel(List<PoolSpec> pools, ObservableValue<PoolItem> selectedPool, ObservableList<DeployRecord> local,
                           Feeds feeds, Executor io, Executor fx) {
        this.selectedPool = selectedPool;
        this.local = local;
        this.io = io;
        this.fx = fx;
        selectedPool.addListener((obs, old, now) -> rebuild());
        local.addListener((ListChangeListener<DeployRecord>) change -> rebuild());
        environment.addListener((obs, old, now) -> shown.setPredicate(now == null ? null : e -> now.equals(e.environment())));
        pools.forEach(pool -> follow(pool, feeds));
        rebuild();
    }

    private void follow(PoolSpec pool, Feeds source) {
        try {
            io.execute(() -> {
                AutoCloseable feed = source.watch(pool, (listing, events) -> fx.execute(() -> apply(listing, events)));
                boolean stop;
                synchronized (this.feeds) {
                    stop = closed;
                    if (!stop) {
                        this.feeds.add(feed);
                    }
                }
                if (stop) {
                    closeQuietly(feed);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            LOG.fine(() -> "not following the deploys of " + pool.name() + ": shutting down");
        }
    }

    private void apply(DeployListing listing, List<DeployEvent> events) {
        fromPool.put(listing.pool(), listing);
        rebuild();
        events.forEach(event -> eventListeners.forEach(l -> l.accept(event)));
    }

    private void rebuild() {
        PoolItem pool = selectedPool.getValue();
        if (pool == null) {
            merged.clear();
            problem.set("");
        } else {
            DeployListing listing = fromPool.get(pool.name());
            List<DeployEntry> next = DeployEntries.merge(pool.name(), listing == null ? List.of() : listing.entries(), local);
            if (!next.equals(merged)) {
                merged.setAll(next);
            }
            problem.set(problemOf(listing));
        }
        changeListeners.forEach(Runnable::run);
    }

    private static String problemOf(DeployListing listing) {
        if (listing == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        listing.unreachable().forEach((place, why) -> parts.add("the deploy records on " + place + " could not be read: " + why));
        if (!listing.unreadable().isEmpty()) {
            parts.add(listing.unreadable().size() + " deploy records skipped: " + String.join("; ", listing.unreadable()));
        }
        return String.join("; ", parts);
    }

    /** The selected pool's deploys, newest first, through the environment filter. */
    public ObservableList<DeployEntry> entries() {
        return shown;
    }

    /** The environment shown; null for all. */
    public ObjectProperty<String> environmentFilterProperty() {
        return environment;
    }

    /** Environments that have deploys in the selected pool, by name. */
    public List<String> environments() {
        TreeSet<String> names = new TreeSet<>();
        merged.forEach(e -> names.add(e.environment()));
        return List.copyOf(names);
    }

    /** What of the pool's records could not be read (an engine down, a broken record); empty when all could. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The newest deploy of an environment of the selected pool that is running or ended (not one that never ended). */
    public Optional<DeployEntry> newest(String pool, String environmentName) {
        PoolItem selected = selectedPool.getValue();
        if (selected == null || !selected.name().equals(pool)) {
            return Optional.empty();
        }
        return merged.stream().filter(e -> e.environment().equals(environmentName) && e.status() != DeployEntry.Status.UNFINISHED)
                .findFirst();
    }

    /** Hears every pool's deploy events, on the FX thread. */
    public void addEventListener(Consumer<DeployEvent> listener) {
        eventListeners.add(listener);
    }

    /** Called on the FX thread whenever the list may have changed. */
    public void addListener(Runnable onChange) {
        changeListeners.add(onChange);
    }

    /** Stops following the pools; callable from any thread. */
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (feeds) {
            closed = true;
            toClose = new ArrayList<>(feeds);
            feeds.clear();
        }
        toClose.forEach(DeployListModel::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable feed) {
        try {
            feed.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing a deploy feed", e);
        }
    }
}
