package dev.envboard.bench;

/** The floor of {@code startup}'s {@code --version}: a Java hello-world, run with plain {@code java -cp}. */
public final class JavaHello {
    private JavaHello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
