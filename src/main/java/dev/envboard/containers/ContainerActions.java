package dev.envboard.containers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.runtime.OffFxThread;

/** What can be done to one container. Blocking: run off the FX thread. */
public final class ContainerActions {
    public enum Action { START, STOP, RESTART, REMOVE }

    private static final int STOP_TIMEOUT_SECONDS = 10;
    private final DockerClients clients;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ContainerActions(DockerClients clients) {
        this.clients = clients;
    }

    /** @throws IllegalStateException with a message naming the container and what the engine said */
    public void run(Action action, EndpointSpec endpoint, ContainerRow row) {
        OffFxThread.check("ContainerActions.run");
        DockerClient quick = clients.quick(endpoint);
        DockerClient slow = clients.slow(endpoint);
        try {
            switch (action) {
                case START -> quick.startContainerCmd(row.containerId()).exec();
                case STOP -> slow.stopContainerCmd(row.containerId()).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                case RESTART -> slow.restartContainerCmd(row.containerId()).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                case REMOVE -> slow.removeContainerCmd(row.containerId()).withForce(true).exec();
            }
        } catch (NotModifiedException alreadyThere) {
            // started twice or stopped twice: the outcome is what was asked
        } catch (RuntimeException e) {
            throw new IllegalStateException(action.name().toLowerCase() + " " + row.name() + " on " + row.host() + ": "
                    + DockerErrors.describe(e), e);
        }
    }

    /** The engine's full description of the container, as indented JSON. */
    public String inspect(EndpointSpec endpoint, ContainerRow row) {
        OffFxThread.check("ContainerActions.inspect");
        try {
            return json.writeValueAsString(clients.quick(endpoint).inspectContainerCmd(row.containerId()).exec());
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("inspect " + row.name() + " on " + row.host() + ": " + DockerErrors.describe(e), e);
        }
    }
}
