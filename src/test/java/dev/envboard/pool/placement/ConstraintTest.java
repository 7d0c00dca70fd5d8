package dev.envboard.pool.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstraintTest {
    private final NodeFacts node = new NodeFacts("abc123", "Worker-1", "worker", "linux", "x86_64",
            Map.of("environment", "qa", "rack", "r1"), Map.of("disk", "ssd"));

    @Test
    void labelsMatchExactlyAndAttributesIgnoreCase() {
        assertThat(Constraint.parse("node.labels.environment==qa").matches(node)).isTrue();
        assertThat(Constraint.parse("node.labels.environment==QA").matches(node)).isFalse();
        assertThat(Constraint.parse("node.labels.environment != demo").matches(node)).isTrue();
        assertThat(Constraint.parse("node.labels.missing==x").matches(node)).isFalse();
        assertThat(Constraint.parse("node.labels.missing!=x").matches(node)).isTrue();
        assertThat(Constraint.parse("engine.labels.disk==ssd").matches(node)).isTrue();
        assertThat(Constraint.parse("node.hostname==worker-1").matches(node)).isTrue();
        assertThat(Constraint.parse("node.role==manager").matches(node)).isFalse();
        assertThat(Constraint.parse("node.platform.os==Linux").matches(node)).isTrue();
        assertThat(Constraint.parse("node.id==abc123").matches(node)).isTrue();
    }

    @Test
    void allMustMatchAndMovedLabelsAreSeen() {
        List<Constraint> both = List.of(Constraint.parse("node.labels.environment==qa"), Constraint.parse("node.labels.rack==r1"));
        assertThat(Constraint.allMatch(both, node)).isTrue();
        NodeFacts moved = node.withNodeLabels(Map.of("environment", "demo", "rack", "r1"));
        assertThat(Constraint.allMatch(both, moved)).isFalse();
        assertThat(Constraint.parse("node.labels.environment==qa").reads("environment", false)).isTrue();
        assertThat(Constraint.parse("node.labels.environment==qa").reads("environment", true)).isFalse();
    }

    @Test
    void notAConstraintIsRefusedWithTheText() {
        assertThatThrownBy(() -> Constraint.parse("node.labels.environment=qa")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a placement constraint: \"node.labels.environment=qa\" (expected key==value or key!=value)");
    }
}
