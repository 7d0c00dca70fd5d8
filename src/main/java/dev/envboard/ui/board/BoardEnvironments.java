package dev.envboard.ui.board;

import dev.envboard.pool.EmptyEnvironmentStore;
import dev.envboard.pool.EnvironmentName;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Environments as the board edits them: names are checked here, and environments without hosts
 * are kept in the store, which writes its file on the I/O executor. Every returned future
 * completes on the FX thread once the board shows the change (or fails with the reason).
 */
final class BoardEnvironments {
    private final EmptyEnvironmentStore store;
    private final Executor io;
    private final Executor fx;
    private final Runnable changed;

    /** @param changed rebuilds the board; called on the FX thread after each write */
    BoardEnvironments(EmptyEnvironmentStore store, Executor io, Executor fx, Runnable changed) {
        this.store = store;
        this.io = io;
        this.fx = fx;
        this.changed = changed;
    }

    /** The pool's environments without hosts (from memory). */
    Set<String> of(String pool) {
        return store.of(pool);
    }

    /** Empty when {@code name} can be a new environment next to {@code existing}, else why not. */
    static Optional<String> problem(String name, List<String> existing) {
        Optional<String> problem = EnvironmentName.problem(name);
        if (problem.isPresent()) {
            return problem;
        }
        return existing.contains(name) ? Optional.of("there is already an environment \"" + name + "\"") : Optional.empty();
    }

    /** Adds an empty column; fails with IllegalArgumentException when the name is invalid or taken. */
    CompletableFuture<Void> create(String pool, String name, List<String> existing) {
        Optional<String> problem = problem(name, existing);
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        return write(() -> store.add(pool, name));
    }

    /** Renames an environment that has no hosts: only the store knows it. */
    CompletableFuture<Void> renameEmpty(String pool, String from, String to) {
        return write(() -> {
            store.add(pool, to);
            store.remove(pool, from);
        });
    }

    /** Only an environment without hosts can be removed. */
    CompletableFuture<Void> remove(String pool, String name, boolean hasHosts) {
        if (hasHosts) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("\"" + name + "\" still has hosts: move them first"));
        }
        return write(() -> store.remove(pool, name));
    }

    /** Keeps columns that moves are about to empty (or a rename's new name), so none vanishes under the cursor. */
    CompletableFuture<Void> keep(String pool, Collection<String> names) {
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return write(() -> names.forEach(name -> store.add(pool, name)));
    }

    /** After a rename the old name goes. */
    CompletableFuture<Void> forget(String pool, String name) {
        return write(() -> store.remove(pool, name));
    }

    private CompletableFuture<Void> write(Runnable blocking) {
        return CompletableFuture.runAsync(blocking, io).whenCompleteAsync((done, error) -> changed.run(), fx);
    }
}
