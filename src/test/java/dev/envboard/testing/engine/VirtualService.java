package dev.envboard.testing.engine;

/** One Swarm service of a stack (the environment), e.g. qa_web. */
public record VirtualService(String id, String stack, String name, String image) {
    public String fullName() {
        return stack + "_" + name;
    }
}
