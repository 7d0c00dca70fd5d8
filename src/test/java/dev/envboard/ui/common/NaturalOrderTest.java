package dev.envboard.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void numbersInNamesSortByValue() {
        List<String> names = new ArrayList<>(List.of("node-130", "node-19", "node-2", "Node-3", "node-10b", "node-10a", "node"));
        names.sort(NaturalOrder.NAMES);
        assertThat(names).containsExactly("node", "node-2", "Node-3", "node-10a", "node-10b", "node-19", "node-130");
    }

    @Test
    void leadingZerosAndHugeNumbersStillOrderAndEqualNamesTie() {
        assertThat(NaturalOrder.NAMES.compare("host-007", "host-7")).isNotZero();
        assertThat(NaturalOrder.NAMES.compare("host-007", "host-8")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("h-99999999999999999999", "h-100000000000000000000")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("same-1", "same-1")).isZero();
        assertThat(NaturalOrder.NAMES.compare("a", "B")).isNegative();
    }
}
