package dev.envboard.ui.board;

import dev.envboard.health.HealthSnapshot;
import dev.envboard.pool.EmptyEnvironments;
import dev.envboard.pool.EnvironmentName;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolMonitor;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.MovePlan;
import dev.envboard.pool.move.MoveService;
import dev.envboard.ssh.UnknownHostKeyException;
import dev.envboard.ui.common.Operations;
import dev.envboard.ui.deploys.DeployBadge;
import dev.envboard.ui.deploys.DeployStates;
import dev.envboard.ui.shell.PoolItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected pool as columns ("Unassigned" first, then environments by name) and everything one
 * can do on the board: select, plan and run moves, undo, create, rename and remove environments.
 * Touched only on the FX thread; engine work goes through the services on the I/O executor.
 */
public final class BoardViewModel {
    private final ObservableList<EnvironmentColumnModel> columns = FXCollections.observableArrayList();
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<List<HostMove>> lastMove = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<PoolItem> selectedPool;
    private final MoveService moves;
    private final PoolMonitor monitor;
    private final Operations operations;
    private final EmptyEnvironments emptyEnvironments;
    private final HostKeyTrust hostKeys;
    private final DeployStates deploys;
    private final Executor io;
    private final Executor fx;
    private HostKeyPrompt hostKeyPrompt = HostKeyPrompt.NEVER;

    private final Set<String> selection = new LinkedHashSet<>();
    /** host id → target ("" = unassigned); kept until a snapshot shows the host there. */
    private final Map<String, String> moving = new HashMap<>();
    private final Set<String> verified = new java.util.HashSet<>();
    private final Map<String, String> errors = new HashMap<>();
    /** The selected pool's Consul health; null when it names no Consul. */
    private final ObservableValue<HealthSnapshot> health;
    private final ChangeListener<PoolSnapshot> onSnapshot = (obs, old, now) -> rebuild();

    public BoardViewModel(ObjectProperty<PoolItem> selectedPool, MoveService moves, PoolMonitor monitor,
                          Operations operations, EmptyEnvironments emptyEnvironments, HostKeyTrust hostKeys,
                          DeployStates deploys, ObservableValue<HealthSnapshot> health, Executor io, Executor fx) {
        this.selectedPool = selectedPool;
        this.moves = moves;
        this.monitor = monitor;
        this.operations = operations;
        this.emptyEnvironments = emptyEnvironments;
        this.hostKeys = hostKeys;
        this.deploys = deploys;
        this.health = health;
        deploys.addListener(this::rebuild);
        health.addListener((obs, old, now) -> rebuild());
        this.io = io;
        this.fx = fx;
        selectedPool.addListener((obs, old, now) -> {
            if (old != null) {
                old.snapshotProperty().removeListener(onSnapshot);
            }
            if (now != null) {
                now.snapshotProperty().addListener(onSnapshot);
            }
            selection.clear();
            lastMove.set(List.of());
            rebuild();
        });
        if (selectedPool.get() != null) {
            selectedPool.get().snapshotProperty().addListener(onSnapshot);
        }
        // Dismissing the notices also clears the failure marks on the cards.
        notices.addListener((javafx.collections.ListChangeListener<String>) change -> {
            if (notices.isEmpty() && !errors.isEmpty()) {
                errors.clear();
                rebuild();
            }
        });
        rebuild();
    }

    public ObservableList<EnvironmentColumnModel> columns() {
        return columns;
    }

    /** Messages about failed moves, newest last, until dismissed. */
    public ObservableList<String> notices() {
        return notices;
    }

    /** The moves the last operation made (empty when there is nothing to undo). */
    public ReadOnlyObjectProperty<List<HostMove>> lastMoveProperty() {
        return lastMove.getReadOnlyProperty();
    }

    public ObjectProperty<PoolItem> selectedPoolProperty() {
        return selectedPool;
    }

    /** The view answers questions about unknown SSH host keys (a dialog); by default nobody trusts them. */
    public void setHostKeyPrompt(HostKeyPrompt prompt) {
        this.hostKeyPrompt = prompt;
    }

    // ---- selection -------------------------------------------------------------------------

    /** Click selects one card; with {@code extend} (Ctrl/Shift) it toggles that card in the selection. */
    public void select(String hostId, boolean extend) {
        if (!extend) {
            selection.clear();
            selection.add(hostId);
        } else if (!selection.remove(hostId)) {
            selection.add(hostId);
        }
        rebuild();
    }

    public void clearSelection() {
        selection.clear();
        rebuild();
    }

    public List<Host> selectedHosts() {
        return allCards().stream().filter(CardModel::selected).map(CardModel::host).toList();
    }

    /** Arrow keys: up/down within a column, left/right to the same row of the next column. */
    public void moveSelection(int columnStep, int rowStep) {
        List<EnvironmentColumnModel> nonEmpty = columns.stream().filter(c -> !c.cards().isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return;
        }
        int col = 0;
        int row = 0;
        String current = selection.isEmpty() ? null : selection.iterator().next();
        for (int c = 0; c < nonEmpty.size(); c++) {
            List<CardModel> cards = nonEmpty.get(c).cards();
            for (int r = 0; r < cards.size(); r++) {
                if (cards.get(r).id().equals(current)) {
                    col = c;
                    row = r;
                }
            }
        }
        if (current != null) {
            col = Math.floorMod(col + columnStep, nonEmpty.size());
            row = Math.max(0, Math.min(row + rowStep, nonEmpty.get(col).cards().size() - 1));
        }
        select(nonEmpty.get(col).cards().get(row).id(), false);
    }

    /** What a drag of this card carries: the whole selection if the card is part of it. */
    public List<Host> dragged(String hostId) {
        List<Host> selected = selectedHosts();
        if (selected.stream().anyMatch(h -> h.key().asText().equals(hostId))) {
            return selected;
        }
        return allCards().stream().map(CardModel::host).filter(h -> h.key().asText().equals(hostId)).toList();
    }

    public Optional<Host> host(String hostId) {
        return allCards().stream().map(CardModel::host).filter(h -> h.key().asText().equals(hostId)).findFirst();
    }

    /** Environments a host can be moved to (besides "Unassigned"). */
    public List<String> environments() {
        return columns.stream().filter(c -> !c.isUnassigned()).map(EnvironmentColumnModel::environment).toList();
    }

    // ---- moves -----------------------------------------------------------------------------

    /** Works out the impact on the I/O executor; completes on the FX thread. Changes nothing. */
    public CompletableFuture<MovePlan> plan(List<Host> hosts, String to) {
        List<HostMove> requested = hosts.stream().filter(h -> !moving.containsKey(h.key().asText())).map(h -> HostMove.of(h, to)).toList();
        return plan(requested);
    }

    private CompletableFuture<MovePlan> plan(List<HostMove> requested) {
        PoolItem pool = selectedPool.get();
        if (pool == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no pool selected"));
        }
        return CompletableFuture.supplyAsync(() -> moves.plan(pool.spec(), requested), io)
                .thenApplyAsync(plan -> plan, fx);
    }

    /**
     * Runs a confirmed plan; cards show as moving until the engines confirm. A column emptied by
     * the move stays (as an empty environment) so it does not vanish under the user's cursor.
     */
    public void execute(MovePlan plan) {
        if (plan.moves().isEmpty()) {
            return;
        }
        for (HostMove move : plan.moves()) {
            if (move.from() != null && wouldEmpty(move.from(), plan)) {
                emptyEnvironments.add(plan.pool().name(), move.from());
            }
        }
        run(plan, () -> { });
    }

    /** Runs a confirmed rename: hosts move to the new name and the old column goes away. */
    public void executeRename(MovePlan plan, String from) {
        run(plan, () -> {
            emptyEnvironments.remove(plan.pool().name(), from);
            rebuild();
        });
    }

    private boolean wouldEmpty(String environment, MovePlan plan) {
        long leaving = plan.moves().stream().filter(m -> environment.equals(m.from())).count();
        return columns.stream().filter(c -> environment.equals(c.environment())).mapToLong(c -> c.cards().size()).sum() == leaving;
    }

    private void run(MovePlan plan, Runnable afterwards) {
        if (plan.moves().isEmpty()) {
            afterwards.run();
            return;
        }
        for (HostMove move : plan.moves()) {
            moving.put(move.host().key().asText(), move.to() == null ? "" : move.to());
            errors.remove(move.host().key().asText());
        }
        rebuild();
        MoveTask task = new MoveTask(plan, moves, fx, this::verified, this::failed);
        task.setOnSucceeded(e -> {
            if (!task.getValue().isEmpty()) {
                lastMove.set(task.getValue());
            }
            afterwards.run();
        });
        operations.submit(task);
    }

    private void verified(HostMove move) {
        verified.add(move.host().key().asText());
        PoolItem pool = selectedPool.get();
        if (pool != null) {
            monitor.refreshNow(pool.spec());
        }
        rebuild();
    }

    private void failed(HostMove move, LabelChangeException error) {
        Optional<UnknownHostKeyException> unknown = UnknownHostKeyException.in(error);
        PoolItem pool = selectedPool.get();
        if (unknown.isPresent() && pool != null) {
            hostKeyPrompt.ask(move.host().displayName(), unknown.get(), accepted -> {
                if (accepted) {
                    trustAndRetry(pool, move, unknown.get());
                } else {
                    fail(move, error);
                }
            });
            return;
        }
        fail(move, error);
    }

    /** The user checked the fingerprint: record the key, then run the same (confirmed) move again. */
    private void trustAndRetry(PoolItem pool, HostMove move, UnknownHostKeyException unknown) {
        CompletableFuture.runAsync(() -> {
            try {
                hostKeys.trust(pool.spec(), move.host(), unknown);
            } catch (LabelChangeException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, io).whenCompleteAsync((ok, error) -> {
            if (error != null) {
                fail(move, new LabelChangeException(dev.envboard.docker.DockerErrors.describe(error)));
            } else {
                run(new MovePlan(pool.spec(), List.of(move), dev.envboard.pool.move.MoveImpact.none()), () -> { });
            }
        }, fx);
    }

    private void fail(HostMove move, LabelChangeException error) {
        moving.remove(move.host().key().asText());
        errors.put(move.host().key().asText(), error.getMessage());
        notices.add("Moving " + move.describe() + " failed: " + error.getMessage());
        rebuild();
    }

    /** The plan that sends every host of the last move back where it was. */
    public CompletableFuture<MovePlan> planUndo() {
        List<HostMove> undo = new ArrayList<>();
        for (HostMove done : lastMove.get()) {
            host(done.host().key().asText()).ifPresent(now -> undo.add(new HostMove(now, now.environment(), done.from())));
        }
        return plan(undo).thenApply(plan -> {
            lastMove.set(List.of());
            return plan;
        });
    }

    // ---- environments ----------------------------------------------------------------------

    /** Adds an empty column; returns why not when the name is invalid or taken. */
    public Optional<String> createEnvironment(String name) {
        Optional<String> problem = EnvironmentName.problem(name);
        if (problem.isPresent()) {
            return problem;
        }
        if (environments().contains(name)) {
            return Optional.of("there is already an environment \"" + name + "\"");
        }
        emptyEnvironments.add(selectedPool.get().name(), name);
        rebuild();
        return Optional.empty();
    }

    /** Renaming relabels every host of the environment: a plan to confirm like any move. */
    public CompletableFuture<MovePlan> planRename(String from, String to) {
        Optional<String> problem = EnvironmentName.problem(to);
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        if (environments().contains(to)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("there is already an environment \"" + to + "\""));
        }
        List<Host> hosts = columns.stream().filter(c -> from.equals(c.environment()))
                .flatMap(c -> c.hosts().stream()).toList();
        if (hosts.isEmpty()) {
            String pool = selectedPool.get().name();
            emptyEnvironments.remove(pool, from);
            emptyEnvironments.add(pool, to);
            rebuild();
        } else {
            emptyEnvironments.add(selectedPool.get().name(), to); // keeps the column while hosts move over
        }
        return plan(hosts, to);
    }

    /** Starts a confirmed redeploy of an environment of the selected pool. */
    public void redeploy(String environment) {
        PoolItem pool = selectedPool.get();
        if (pool != null) {
            deploys.redeploy(pool.spec(), environment);
        }
    }

    /** Only an environment without hosts can be removed. */
    public Optional<String> removeEnvironment(String name) {
        boolean hasHosts = columns.stream().anyMatch(c -> name.equals(c.environment()) && !c.cards().isEmpty());
        if (hasHosts) {
            return Optional.of("\"" + name + "\" still has hosts: move them first");
        }
        emptyEnvironments.remove(selectedPool.get().name(), name);
        rebuild();
        return Optional.empty();
    }

    // ---- columns ---------------------------------------------------------------------------

    private List<CardModel> allCards() {
        return columns.stream().flatMap(c -> c.cards().stream()).toList();
    }

    private void rebuild() {
        PoolItem pool = selectedPool.get();
        List<Host> hosts = pool == null ? List.of() : pool.snapshot().hosts();
        settleMoves(hosts);
        List<EnvironmentColumnModel> next = pool == null ? List.of()
                : columnsOf(hosts, emptyEnvironments.of(pool.name()));
        // Replace only changed columns, so the view keeps its nodes for the others.
        for (int i = 0; i < next.size(); i++) {
            if (i >= columns.size()) {
                columns.add(next.get(i));
            } else if (!Objects.equals(columns.get(i), next.get(i))) {
                columns.set(i, next.get(i));
            }
        }
        if (columns.size() > next.size()) {
            columns.remove(next.size(), columns.size());
        }
    }

    /** A verified move ends when a snapshot shows the host in its new environment. */
    private void settleMoves(List<Host> hosts) {
        for (Host host : hosts) {
            String target = moving.get(host.key().asText());
            if (target != null && verified.contains(host.key().asText())
                    && Objects.equals(target.isEmpty() ? null : target, host.environment())) {
                moving.remove(host.key().asText());
                verified.remove(host.key().asText());
            }
        }
        Set<String> present = new java.util.HashSet<>();
        hosts.forEach(h -> present.add(h.key().asText()));
        selection.retainAll(present);
    }

    private List<EnvironmentColumnModel> columnsOf(List<Host> hosts, Set<String> empty) {
        Map<String, List<CardModel>> byEnvironment = new TreeMap<>();
        empty.forEach(env -> byEnvironment.put(env, new ArrayList<>()));
        List<CardModel> unassigned = new ArrayList<>();
        for (Host host : hosts) {
            CardModel card = new CardModel(host, selection.contains(host.key().asText()), moving.get(host.key().asText()), errors.get(host.key().asText()),
                    HostHealth.of(health.getValue(), host.displayName()));
            if (host.isUnassigned()) {
                unassigned.add(card);
            } else {
                byEnvironment.computeIfAbsent(host.environment(), env -> new ArrayList<>()).add(card);
            }
        }
        Comparator<CardModel> byName = Comparator.comparing(c -> c.host().hostname());
        List<EnvironmentColumnModel> result = new ArrayList<>();
        unassigned.sort(byName);
        result.add(new EnvironmentColumnModel(null, unassigned, DeployBadge.NONE, ColumnHealth.of(health.getValue(), null)));
        PoolItem pool = selectedPool.get();
        byEnvironment.forEach((env, cards) -> {
            cards.sort(byName);
            result.add(new EnvironmentColumnModel(env, cards, pool == null ? DeployBadge.NONE : deploys.badge(pool.spec(), env),
                    ColumnHealth.of(health.getValue(), env)));
        });
        return result;
    }
}
