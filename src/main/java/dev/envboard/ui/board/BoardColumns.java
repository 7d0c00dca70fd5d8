package dev.envboard.ui.board;

import dev.envboard.health.HealthSnapshot;
import dev.envboard.pool.Host;
import dev.envboard.pool.move.HostMove;
import dev.envboard.ui.common.NaturalOrder;
import dev.envboard.ui.deploys.DeployBadge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The board's columns: "Unassigned" first, then environments by name, each with its cards by
 * hostname. Built from the pool snapshot, the environments kept without hosts, the selection,
 * the pending moves, deploy badges and Consul health. Touched on the FX thread only.
 */
final class BoardColumns {
    private final ObservableList<EnvironmentColumnModel> columns = FXCollections.observableArrayList();

    /** What a build needs besides the hosts; {@code protectedEnvironment} says which ones pools.yaml protects. */
    record Inputs(Set<String> emptyEnvironments, BoardSelection selection, PendingMoves pending, HealthSnapshot health,
                  Function<String, DeployBadge> badge, Function<String, ColumnUpdates> updates,
                  Predicate<String> protectedEnvironment, Predicate<String> watched,
                  Function<Host, CardModel.SearchMark> search) {
    }

    static List<EnvironmentColumnModel> build(List<Host> hosts, Inputs in) {
        Map<String, List<CardModel>> byEnvironment = new TreeMap<>(NaturalOrder.NAMES);
        in.emptyEnvironments().forEach(env -> byEnvironment.put(env, new ArrayList<>()));
        List<CardModel> unassigned = new ArrayList<>();
        for (Host host : hosts) {
            CardModel card = new CardModel(host, in.selection().contains(host.key()), in.pending().target(host),
                    in.pending().error(host), HostHealth.of(in.health(), host.displayName()), in.search().apply(host));
            if (host.isUnassigned()) {
                unassigned.add(card);
            } else {
                byEnvironment.computeIfAbsent(host.environment(), env -> new ArrayList<>()).add(card);
            }
        }
        // Hostnames can repeat: the pool entry breaks ties, so the order never flips between refreshes.
        Comparator<CardModel> byName = Comparator.comparing((CardModel c) -> c.host().hostname(), NaturalOrder.NAMES)
                .thenComparing(c -> c.host().key().toString());
        List<EnvironmentColumnModel> result = new ArrayList<>();
        unassigned.sort(byName);
        result.add(new EnvironmentColumnModel(null, unassigned, DeployBadge.NONE, ColumnHealth.of(in.health(), null)));
        byEnvironment.forEach((env, cards) -> {
            cards.sort(byName);
            result.add(new EnvironmentColumnModel(env, cards, in.badge().apply(env), ColumnHealth.of(in.health(), env),
                    in.updates().apply(env), in.protectedEnvironment().test(env), in.watched().test(env)));
        });
        return result;
    }

    ObservableList<EnvironmentColumnModel> list() {
        return columns;
    }

    /**
     * Keeps the models of the columns that did not change (the view then leaves their nodes
     * alone) and replaces the list in one change, so listeners never see a half-updated board.
     */
    void show(List<EnvironmentColumnModel> next) {
        List<EnvironmentColumnModel> merged = new ArrayList<>(next.size());
        for (int i = 0; i < next.size(); i++) {
            boolean same = i < columns.size() && Objects.equals(columns.get(i), next.get(i));
            merged.add(same ? columns.get(i) : next.get(i));
        }
        if (!merged.equals(columns)) {
            columns.setAll(merged);
        }
    }

    List<CardModel> cards() {
        return columns.stream().flatMap(c -> c.cards().stream()).toList();
    }

    /** A card's host by its id ({@link CardModel#id()}). */
    Optional<Host> host(String id) {
        return cards().stream().filter(c -> c.id().equals(id)).map(CardModel::host).findFirst();
    }

    /** Environments shown, "Unassigned" aside. */
    List<String> environments() {
        return columns.stream().filter(c -> !c.isUnassigned()).map(EnvironmentColumnModel::environment).toList();
    }

    List<Host> hostsIn(String environment) {
        return columns.stream().filter(c -> environment.equals(c.environment())).flatMap(c -> c.hosts().stream()).toList();
    }

    /** Environments these moves would leave without a host. */
    Set<String> emptiedBy(List<HostMove> moves) {
        Set<String> emptied = new LinkedHashSet<>();
        for (HostMove move : moves) {
            String from = move.from();
            if (from != null && hostsIn(from).stream().allMatch(h -> moves.stream().anyMatch(m -> m.host().key().equals(h.key())))) {
                emptied.add(from);
            }
        }
        return emptied;
    }
}
