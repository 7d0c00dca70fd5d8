package dev.envboard.ui.deploys;

import dev.envboard.deploy.PullProgress;

/** How a pull's report reads in the Deploys view. */
final class PullText {
    private PullText() {
    }

    /** pulling, done, already present, or failed with the engine's reason. */
    static String state(PullProgress p) {
        if (p.alreadyPresent()) {
            return "already present";
        }
        if (p.error() != null) {
            return "failed: " + p.error();
        }
        return p.finished() ? "done" : "pulling";
    }

    /** The style of the state: pulling, done, present or failed. */
    static String stateClass(PullProgress p) {
        return p.alreadyPresent() ? "present" : p.error() != null ? "failed" : p.finished() ? "done" : "pulling";
    }

    static String layers(PullProgress p) {
        return p.alreadyPresent() ? "" : p.layersDone() + "/" + p.layersTotal();
    }

    /** {@code 1/3 · 12.3 / 48.0 MB}: layers, then bytes; empty for a host that had the image, or before any report of a layer. */
    static String amount(PullProgress p) {
        boolean nothingYet = !p.finished() && p.layersTotal() == 0;
        return p.alreadyPresent() || nothingYet ? "" : layers(p) + " · " + bytes(p);
    }

    /** Done of total; a dash when the engine announced no sizes (every layer was there already). */
    static String bytes(PullProgress p) {
        if (p.alreadyPresent() || p.bytesTotal() == 0) {
            return p.alreadyPresent() ? "" : "—";
        }
        return ByteSizes.ofTotal(p.bytesDone(), p.bytesTotal());
    }

    /** While it pulls: how far, {@code 42%}, or "starting" before the engine said any size. */
    static String percent(PullProgress p) {
        double fraction = fraction(p);
        return fraction < 0 ? "starting" : Math.round(fraction * 100) + "%";
    }

    /** The share done: bytes when the engine announced sizes, else layers; -1 (indeterminate) before either. */
    static double fraction(PullProgress p) {
        if (p.alreadyPresent() || (p.finished() && p.error() == null)) {
            return 1;
        }
        if (p.bytesTotal() > 0) {
            return (double) p.bytesDone() / p.bytesTotal();
        }
        return p.layersTotal() > 0 ? (double) p.layersDone() / p.layersTotal() : p.finished() ? 0 : -1;
    }

    /**
     * {@code demo@0123456789ab}: the repository's last part and the digest's first 12 hex digits (as
     * docker shortens ids), or {@code demo:1} for a tag; the registry is the same on every row.
     */
    static String shortImage(String image) {
        int at = image.indexOf('@');
        String name = at < 0 ? image : image.substring(0, at);
        String last = name.substring(name.lastIndexOf('/') + 1);
        if (at < 0) {
            return last;
        }
        String digest = image.substring(at + 1);
        String hex = digest.substring(digest.indexOf(':') + 1);
        return last + "@" + hex.substring(0, Math.min(12, hex.length()));
    }
}
