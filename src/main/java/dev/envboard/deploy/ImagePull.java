package dev.envboard.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.envboard.docker.DockerErrors;
import dev.envboard.registry.ImageRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pulls one image on one engine ({@code POST /images/create}, the login as X-Registry-Auth),
 * turning the engine's layer reports into {@link PullProgress}. The login never goes into a message.
 */
final class ImagePull {
    private final DockerClient client;
    private final String host;
    private final ImageRef image;
    private final AuthConfig auth;
    private final DeployListener listener;
    private final Map<String, long[]> layers = new LinkedHashMap<>(); // id -> {done, total, complete?1:0}

    /** @param image pinned ({@code name@digest}) or by tag; auth null when the registry needs no login */
    ImagePull(DockerClient client, String host, ImageRef image, AuthConfig auth, DeployListener listener) {
        this.client = client;
        this.host = host;
        this.image = image;
        this.auth = auth;
        this.listener = listener;
    }

    /** Whether the engine has the image already (by digest: exactly this content). */
    boolean present() {
        try {
            client.inspectImageCmd(image.reference()).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Pulls and waits for the end; a refused or failed pull throws with the host, the image and the
     * engine's reason.
     */
    void run(CancelToken cancel, Duration timeout) throws DeployException {
        String repository = image.registry().equals(ImageRef.DOCKER_HUB) ? image.repository() : image.name();
        var cmd = client.pullImageCmd(repository).withTag(image.digest() != null ? image.digest() : image.tag());
        if (auth != null) {
            cmd.withAuthConfig(auth);
        }
        String[] failure = new String[1];
        ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>() {
            /** The engine's refusal is the run's refusal, said once there (the default would also log it as SEVERE). */
            @Override
            public void onError(Throwable error) {
                failure[0] = DockerErrors.describe(error);
                try {
                    close();
                } catch (java.io.IOException e) {
                    failure[0] += "; closing the pull failed: " + e.getMessage();
                }
            }

            @Override
            public void onNext(PullResponseItem item) {
                if (item.getErrorDetail() != null || item.getError() != null) {
                    failure[0] = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage() : item.getError();
                    return;
                }
                if (record(item)) {
                    listener.pull(progress(false, null));
                }
                if (cancel.isCancelled()) {
                    try {
                        close();
                    } catch (java.io.IOException e) {
                        failure[0] = "cancelled, and closing the pull failed: " + e.getMessage();
                    }
                }
            }
        };
        try {
            cmd.exec(callback);
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                callback.close();
                failure[0] = "not finished after " + timeout.toSeconds() + " s";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted", true);
        } catch (RuntimeException | java.io.IOException e) {
            failure[0] = DockerErrors.describe(e);
        }
        cancel.check("pulling " + image.reference() + " on " + host);
        if (failure[0] == null && !present()) {
            failure[0] = "the engine reported no error, but has no such image afterwards";
        }
        listener.pull(progress(true, failure[0]));
        if (failure[0] != null) {
            throw new DeployException(host + ": pull of " + image.reference() + " failed: " + failure[0]);
        }
    }

    /** Keeps per layer what was downloaded of how much; says whether anything changed. */
    private synchronized boolean record(PullResponseItem item) {
        String id = item.getId();
        String status = item.getStatus();
        if (id == null || status == null || status.startsWith("Pulling from") || status.startsWith("Digest:")
                || status.startsWith("Status:") || id.equals(image.tag()) || id.equals(image.digest())) {
            return false;
        }
        long[] layer = layers.computeIfAbsent(id, k -> new long[3]);
        var detail = item.getProgressDetail();
        if (status.startsWith("Downloading") && detail != null) {
            if (detail.getTotal() != null && detail.getTotal() > 0) {
                layer[1] = detail.getTotal();
            }
            if (detail.getCurrent() != null) {
                layer[0] = Math.max(layer[0], detail.getCurrent());
            }
        } else if (status.startsWith("Download complete") || status.startsWith("Pull complete") || status.startsWith("Already exists")) {
            layer[0] = layer[1];
            layer[2] = status.startsWith("Pull complete") || status.startsWith("Already exists") ? 1 : layer[2];
        }
        return true;
    }

    private synchronized PullProgress progress(boolean finished, String error) {
        int done = 0;
        long bytesDone = 0;
        long bytesTotal = 0;
        for (long[] layer : layers.values()) {
            done += layer[2] == 1 ? 1 : 0;
            bytesDone += layer[0];
            bytesTotal += layer[1];
        }
        return new PullProgress(host, image.reference(), done, layers.size(), bytesDone, bytesTotal, finished, error);
    }
}
