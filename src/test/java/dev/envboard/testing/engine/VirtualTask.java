package dev.envboard.testing.engine;

/** One Swarm task: a service's replica on a node, with its container on the node's engine. */
public final class VirtualTask {
    final String id;
    final VirtualService service;
    final int slot;
    final VirtualNode node;
    final VirtualContainer container;
    /** Docker's task states in lower case: running, failed, shutdown, ... */
    String state = "running";
    String desiredState = "running";
    long version = 10;

    VirtualTask(String id, VirtualService service, int slot, VirtualNode node, VirtualContainer container) {
        this.id = id;
        this.service = service;
        this.slot = slot;
        this.node = node;
        this.container = container;
    }

    public String id() {
        return id;
    }

    public VirtualNode node() {
        return node;
    }

    public VirtualContainer container() {
        return container;
    }
}
