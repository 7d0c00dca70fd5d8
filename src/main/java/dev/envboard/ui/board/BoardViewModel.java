package dev.envboard.ui.board;

import dev.envboard.docker.DockerErrors;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.move.HostMove;
import dev.envboard.ui.deploys.DeployBadge;
import dev.envboard.ui.shell.PoolItem;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The board the view binds to: the selected pool as columns, and what one can do there. Each job
 * has its own part (selection, moves, environments, columns); this class ties them to the
 * selected pool and rebuilds the columns when anything they show changes. FX thread only.
 */
public final class BoardViewModel {
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final ObjectProperty<PoolItem> selectedPool;
    private final ObservableValue<HealthSnapshot> health;
    private final BoardServices services;
    private final BoardSelection selection = new BoardSelection();
    private final PendingMoves pending = new PendingMoves();
    private final BoardColumns columns = new BoardColumns();
    private final BoardSearch search = new BoardSearch();
    private final BoardLayout layout = new BoardLayout();
    private final javafx.beans.property.ReadOnlyStringWrapper searchSummary = new javafx.beans.property.ReadOnlyStringWrapper("");
    private final BoardEnvironments environments;
    private final MoveFlow moves;
    private final BoardUpdates updates;
    /** Environments whose redeploy ran at the last rebuild: when one ends, what runs changed, so updates are asked again soon. */
    private Set<String> deploying = Set.of();
    private final ChangeListener<PoolSnapshot> onSnapshot = (obs, old, now) -> rebuild();
    /** Environments another feature keeps on the board while they have no hosts (a stuck demo's). */
    private javafx.collections.ObservableSet<String> keptByOthers = javafx.collections.FXCollections.emptyObservableSet();

    /** A board without the background update check. */
    public BoardViewModel(ObjectProperty<PoolItem> selectedPool, ObservableValue<HealthSnapshot> health, BoardServices services) {
        this(selectedPool, health, services, null);
    }

    /**
     * @param health  the selected pool's Consul health; null while it names no Consul
     * @param updates the selected pool's background update check; null for none
     */
    public BoardViewModel(ObjectProperty<PoolItem> selectedPool, ObservableValue<HealthSnapshot> health, BoardServices services,
                          BoardUpdates updates) {
        this.selectedPool = selectedPool;
        this.updates = updates;
        this.health = health;
        this.services = services;
        this.environments = new BoardEnvironments(services.environments(), services.io(), services.fx(), this::rebuild);
        this.moves = new MoveFlow(services.moves(), services.hostKeys(), services.background(), pending, services.io(),
                services.fx(), services.refresh(), notices::add, this::rebuild);
        services.deploys().addListener(this::rebuild);
        services.watchlist().keys().addListener((javafx.collections.SetChangeListener<String>) change -> rebuild());
        health.addListener((obs, old, now) -> rebuild());
        if (updates != null) {
            updates.resultsProperty().addListener((obs, old, now) -> rebuild());
        }
        selectedPool.addListener((obs, old, now) -> {
            if (old != null) {
                old.snapshotProperty().removeListener(onSnapshot);
            }
            if (now != null) {
                now.snapshotProperty().addListener(onSnapshot);
            }
            selection.clear();
            moves.forgetLastMove();
            rebuild();
        });
        if (selectedPool.get() != null) {
            selectedPool.get().snapshotProperty().addListener(onSnapshot);
        }
        // Dismissing the notices also clears the failure marks on the cards.
        notices.addListener((ListChangeListener<String>) change -> {
            if (notices.isEmpty() && pending.clearErrors()) {
                rebuild();
            }
        });
        rebuild();
    }

    public ObservableList<EnvironmentColumnModel> columns() {
        return columns.list();
    }

    /** Messages about failed moves and edits, newest last, until dismissed. */
    public ObservableList<String> notices() {
        return notices;
    }

    /** The moves the last operation made (empty when there is nothing to undo). */
    public ReadOnlyObjectProperty<List<HostMove>> lastMoveProperty() {
        return moves.lastMoveProperty();
    }

    public ObjectProperty<PoolItem> selectedPoolProperty() {
        return selectedPool;
    }

    /** The view answers questions about unknown SSH host keys (a dialog); by default nobody trusts them. */
    public void setHostKeyPrompt(HostKeyPrompt prompt) {
        moves.setHostKeyPrompt(prompt);
    }

    // ---- selection -------------------------------------------------------------------------

    /** Click selects one card (by {@link CardModel#id()}); with {@code extend} (Ctrl/Shift) it toggles it. */
    public void select(String cardId, boolean extend) {
        host(cardId).ifPresent(h -> {
            selection.select(h.key(), extend);
            rebuild();
        });
    }

    public void clearSelection() {
        selection.clear();
        rebuild();
    }

    public List<Host> selectedHosts() {
        return columns.cards().stream().filter(CardModel::selected).map(CardModel::host).toList();
    }

    /** Arrow keys: up/down within a column, left/right to the same row of the next column. */
    public void moveSelection(int columnStep, int rowStep) {
        selection.step(columns.list(), columnStep, rowStep).ifPresent(key -> {
            selection.select(key, false);
            rebuild();
        });
    }

    /** What a drag of this card carries: the whole selection if the card is part of it. */
    public List<Host> dragged(String cardId) {
        List<Host> selected = selectedHosts();
        if (selected.stream().anyMatch(h -> h.key().asText().equals(cardId))) {
            return selected;
        }
        return host(cardId).stream().toList();
    }

    public Optional<Host> host(String cardId) {
        return columns.host(cardId);
    }

    /** Environments a host can be moved to (besides "Unassigned"). */
    public List<String> environments() {
        return columns.environments();
    }

    public List<Host> hostsIn(String environment) {
        return columns.hostsIn(environment);
    }

    // ---- moves -----------------------------------------------------------------------------

    /** What moving these hosts to {@code to} (null: unassigned) proposes; empty without a pool. */
    public Optional<MoveProposal> proposeMove(List<Host> hosts, String to) {
        return pool().map(pool -> moves.propose(pool.spec(), hosts, to));
    }

    /** The last move backwards; empty when there is nothing to undo. */
    public Optional<MoveProposal> proposeUndo() {
        if (lastMoveProperty().get().isEmpty()) {
            return Optional.empty();
        }
        return pool().map(pool -> moves.proposeUndo(pool.spec(), columns.cards().stream().map(CardModel::host).toList()));
    }

    /**
     * Renaming relabels every host of the environment: a proposal to confirm like any move. An
     * environment without hosts is renamed at once (the future then holds no proposal). Fails with
     * IllegalArgumentException when the new name is invalid or taken.
     */
    public CompletableFuture<Optional<MoveProposal>> proposeRename(String from, String to) {
        Optional<String> problem = BoardEnvironments.problem(to, environments());
        Optional<PoolItem> pool = pool();
        if (problem.isPresent() || pool.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.orElse("no pool selected")));
        }
        List<Host> hosts = columns.hostsIn(from);
        if (hosts.isEmpty()) {
            return environments.renameEmpty(pool.get().name(), from, to).thenApply(done -> Optional.empty());
        }
        return CompletableFuture.completedFuture(Optional.of(moves.proposeRename(pool.get().spec(), hosts, from, to)));
    }

    /**
     * Runs a confirmed proposal. A column the moves empty stays (as an empty environment), so it
     * does not vanish under the user's cursor; a rename keeps the new column while hosts move over
     * and drops the old name afterwards. Nothing runs before the name of every protected environment
     * the hosts leave is typed into the proposal's {@link MoveProposal#confirmation()}.
     */
    public void execute(MoveProposal proposal) {
        Optional<String> unconfirmed = proposal.confirmation().refusal();
        if (unconfirmed.isPresent()) {
            notices.add(unconfirmed.get()); // a host leaving a protected environment whose name was not typed
            return;
        }
        String pool = proposal.pool().name();
        boolean rename = proposal.kind() == MoveProposal.Kind.RENAME;
        CompletableFuture<Void> prepared = CompletableFuture.completedFuture(null);
        if (!proposal.isEmpty()) {
            Set<String> keep = rename ? Set.of(proposal.moves().get(0).to()) : columns.emptiedBy(proposal.moves());
            prepared = environments.keep(pool, keep).whenComplete((done, error) -> report(error));
        }
        moves.execute(proposal, prepared, () -> {
            if (rename) {
                environments.forget(pool, proposal.renamedFrom()).whenComplete((done, error) -> report(error));
            }
        });
    }

    // ---- environments ----------------------------------------------------------------------

    /** The star of a column: notifications of the environment's deploys and health, or none. */
    public void toggleWatch(String environment) {
        pool().ifPresent(pool -> services.watchlist().toggle(pool.name(), environment));
    }

    public boolean isWatched(String environment) {
        return pool().map(pool -> services.watchlist().isWatched(pool.name(), environment)).orElse(false);
    }

    /** Adds an empty column; completes once it shows, or fails with why not (invalid or taken name, a failed write). */
    public CompletableFuture<Void> createEnvironment(String name) {
        return pool().map(pool -> environments.create(pool.name(), name, environments()))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no pool selected")));
    }

    /** Only an environment without hosts can be removed; fails with why not. */
    public CompletableFuture<Void> removeEnvironment(String name) {
        return pool().map(pool -> environments.remove(pool.name(), name, !columns.hostsIn(name).isEmpty()))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no pool selected")));
    }

    // ---- columns ---------------------------------------------------------------------------

    /**
     * Keeps these environments' columns (of the selected pool) on the board even without hosts,
     * as the environments kept empty are: a demo whose teardown got stuck stays in sight.
     */
    public void keepColumns(javafx.collections.ObservableSet<String> environments) {
        keptByOthers = environments;
        environments.addListener((javafx.collections.SetChangeListener<String>) change -> rebuild());
        rebuild();
    }

    // ---- layout and search -------------------------------------------------------------------

    /** Compact cards and collapsed columns, remembered by the window. */
    public BoardLayout layout() {
        return layout;
    }

    /** Whether this column (null: Unassigned) of the selected pool is collapsed to a strip. */
    public boolean isCollapsed(String environment) {
        return pool().map(pool -> layout.isCollapsed(pool.name(), environment)).orElse(false);
    }

    public void setCollapsed(String environment, boolean collapse) {
        pool().ifPresent(pool -> layout.setCollapsed(pool.name(), environment, collapse));
    }

    /** Highlights the hosts matching {@code text} (name, address, labels) and dims the others; blank clears. */
    public void search(String text) {
        String before = search.query();
        search.setQuery(text);
        if (!before.equals(search.query())) {
            rebuild();
        }
    }

    public void clearSearch() {
        search("");
    }

    public String searchQuery() {
        return search.query();
    }

    /** "N of M hosts" while searching, else empty. */
    public javafx.beans.property.ReadOnlyStringProperty searchSummaryProperty() {
        return searchSummary.getReadOnlyProperty();
    }

    /**
     * Goes to the next match ({@code step} 1) or the previous one (-1), wrapping around, and
     * expands its column if it was collapsed; empty when nothing matches.
     */
    public Optional<CardModel> nextMatch(int step) {
        Optional<CardModel> match = search.next(columns.list(), step);
        match.ifPresent(card -> setCollapsed(card.host().environment(), false));
        rebuild();
        return match;
    }

    private String summary(List<EnvironmentColumnModel> shown) {
        if (!search.isActive()) {
            return "";
        }
        long all = shown.stream().mapToLong(c -> c.cards().size()).sum();
        long matching = shown.stream().flatMap(c -> c.cards().stream()).filter(c -> c.search() != CardModel.SearchMark.OTHER).count();
        return matching + " of " + all + " hosts";
    }

    private Optional<PoolItem> pool() {
        return Optional.ofNullable(selectedPool.get());
    }

    private void report(Throwable error) {
        if (error != null) {
            notices.add(DockerErrors.describe(error));
        }
    }

    private void rebuild() {
        PoolItem pool = selectedPool.get();
        if (pool == null) {
            columns.show(List.of());
            return;
        }
        List<Host> hosts = pool.snapshot().hosts();
        pending.settle(hosts);
        selection.retain(hosts.stream().map(Host::key).toList());
        BoardUpdates.Results checked = updates == null ? null : updates.resultsProperty().get();
        Set<String> kept = new java.util.TreeSet<>(environments.of(pool.name()));
        kept.addAll(keptByOthers);
        BoardColumns.Inputs inputs = new BoardColumns.Inputs(kept, selection, pending, health.getValue(),
                env -> badge(pool, env), env -> ColumnUpdates.of(checked, env), pool.spec()::isProtected,
                env -> services.watchlist().isWatched(pool.name(), env), search::mark);
        List<EnvironmentColumnModel> next = BoardColumns.build(hosts, inputs);
        columns.show(next);
        searchSummary.set(summary(next));
        Set<String> nowDeploying = next.stream().filter(c -> c.deploy().state() == DeployBadge.State.RUNNING)
                .map(EnvironmentColumnModel::environment).collect(java.util.stream.Collectors.toSet());
        if (updates != null && !nowDeploying.containsAll(deploying)) {
            updates.checkSoon();
        }
        deploying = nowDeploying;
    }

    private DeployBadge badge(PoolItem pool, String environment) {
        return services.deploys().badge(pool.spec(), environment);
    }
}
