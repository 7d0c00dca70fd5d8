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

    static String bytes(PullProgress p) {
        return p.alreadyPresent() ? "" : ByteSizes.human(p.bytesDone()) + " / " + ByteSizes.human(p.bytesTotal());
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

    /** {@code registry/name@sha256:0123456789ab…}: the digest cut to what tells versions apart. */
    static String shortImage(String image) {
        int at = image.indexOf("@sha256:");
        return at < 0 || image.length() <= at + 20 ? image : image.substring(0, at + 20) + "…";
    }
}
