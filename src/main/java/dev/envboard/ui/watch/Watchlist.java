package dev.envboard.ui.watch;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * The environments the user watches (a star on their column), kept in the window state. Touched
 * on the FX thread only.
 */
public final class Watchlist {
    private final ObservableSet<String> keys = FXCollections.observableSet(new LinkedHashSet<>());
    /** One view for every listener: the wrapper holds its listeners only while it lives. */
    private final ObservableSet<String> readOnly = FXCollections.unmodifiableObservableSet(keys);

    /** @param initial as {@link #key} gives them (from the window state) */
    public Watchlist(Collection<String> initial) {
        keys.addAll(initial);
    }

    /** "POOL/ENVIRONMENT": pool names have no slash (letters, digits, . _ -). */
    public static String key(String pool, String environment) {
        return pool + "/" + environment;
    }

    public boolean isWatched(String pool, String environment) {
        return keys.contains(key(pool, environment));
    }

    public void setWatched(String pool, String environment, boolean watch) {
        if (watch) {
            keys.add(key(pool, environment));
        } else {
            keys.remove(key(pool, environment));
        }
    }

    public void toggle(String pool, String environment) {
        setWatched(pool, environment, !isWatched(pool, environment));
    }

    /** Live: listen to it for changes. */
    public ObservableSet<String> keys() {
        return readOnly;
    }

    public Set<String> copy() {
        return Set.copyOf(keys);
    }

    /** The pools that have a watched environment. */
    public Set<String> pools() {
        Set<String> pools = new LinkedHashSet<>();
        keys.forEach(k -> pools.add(k.substring(0, k.indexOf('/'))));
        return pools;
    }
}
