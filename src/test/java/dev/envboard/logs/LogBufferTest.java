package dev.envboard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LogBufferTest {
    private static final LogOrigin WEB = new LogOrigin("web", 0);

    private static LogLine line(LogOrigin origin, String text) {
        return new LogLine(origin, LineKind.STDOUT, 1_000L, text);
    }

    @Test
    void numbersLinesFromZeroAndKeepsOnlyTheNewestUpToItsCapacity() {
        LogBuffer buffer = new LogBuffer(10, 1 << 20);
        assertThat(buffer.firstSeq()).isZero();
        assertThat(buffer.endSeq()).isZero();
        assertThat(buffer.get(0)).isNull();
        for (int i = 0; i < 25; i++) {
            buffer.append(line(WEB, "line " + i));
        }
        assertThat(buffer.endSeq()).isEqualTo(25);
        assertThat(buffer.firstSeq()).isEqualTo(15);
        assertThat(buffer.size()).isEqualTo(10);
        assertThat(buffer.dropped()).isEqualTo(15);
        assertThat(buffer.get(14)).as("dropped").isNull();
        assertThat(buffer.get(25)).as("not written yet").isNull();
        for (long seq = 15; seq < 25; seq++) {
            assertThat(buffer.get(seq)).isEqualTo(line(WEB, "line " + seq));
        }
    }

    @Test
    void keepsEveryFieldOfALine() {
        LogBuffer buffer = new LogBuffer(100, 1 << 20);
        LogLine marker = new LogLine(new LogOrigin("api", 3), LineKind.MARKER, -5L, "— envboard: x —");
        LogLine error = new LogLine(WEB, LineKind.STDERR, LogLine.NO_TIME, "ünïcödé ✓ \u001b[31mred\u001b[0m");
        buffer.append(marker);
        buffer.append(error);
        assertThat(buffer.get(0)).isEqualTo(marker);
        assertThat(buffer.get(1)).isEqualTo(error);
        assertThat(buffer.get(1).hasTime()).isFalse();
        byte[] into = new byte[5];
        assertThat(buffer.copyText(1, into)).isEqualTo(error.text().getBytes(StandardCharsets.UTF_8).length);
        assertThat(new String(into, StandardCharsets.UTF_8)).as("the first 5 bytes").isEqualTo("ünï");
        assertThat(buffer.copyText(2, into)).isEqualTo(-1);
    }

    @Test
    void wrapsAroundManyChunksAndReusesThem() {
        LogBuffer buffer = new LogBuffer(10_000, 1 << 26);
        for (int i = 0; i < 100_000; i++) {
            buffer.append(line(WEB, Integer.toString(i)));
        }
        assertThat(buffer.firstSeq()).isEqualTo(90_000);
        for (long seq = 90_000; seq < 100_000; seq++) {
            assertThat(buffer.get(seq).text()).isEqualTo(Long.toString(seq));
        }
    }

    @Test
    void dropsOldLinesToStayWithinItsByteBudget() {
        LogBuffer buffer = new LogBuffer(1000, 100);
        for (int i = 0; i < 30; i++) {
            buffer.append(line(WEB, "0123456789")); // 10 bytes each
        }
        assertThat(buffer.size()).isEqualTo(10);
        assertThat(buffer.dropped()).isEqualTo(20);
        buffer.append(line(WEB, "x".repeat(55)));
        assertThat(buffer.size()).as("55 + 4 x 10 bytes fit, not 5 x 10").isEqualTo(5);
        assertThat(buffer.get(buffer.endSeq() - 1).text()).hasSize(55);
    }

    @Test
    void aBatchLargerThanTheBufferKeepsItsNewestLines() {
        LogBuffer buffer = new LogBuffer(5, 1 << 20);
        LineBatch batch = new LineBatch(buffer, WEB);
        for (int i = 0; i < 12; i++) {
            byte[] text = ("b" + i).getBytes(StandardCharsets.UTF_8);
            batch.add(LineKind.STDOUT, i, text, 0, text.length);
        }
        batch.flush();
        assertThat(buffer.endSeq()).isEqualTo(12);
        assertThat(buffer.firstSeq()).isEqualTo(7);
        assertThat(buffer.get(7).text()).isEqualTo("b7");
        assertThat(buffer.get(11)).isEqualTo(new LogLine(WEB, LineKind.STDOUT, 11, "b11"));
        buffer.append(line(WEB, "after"));
        assertThat(buffer.get(12).text()).isEqualTo("after");
        assertThat(buffer.get(8).text()).isEqualTo("b8");
    }

    /**
     * Four writers append batches while a reader keeps reading the newest and oldest lines: every
     * line is numbered, each writer's own lines stay in order, and a line read is never torn (its
     * text always belongs to its origin), even while its place is being reused.
     */
    @Test
    void concurrentBatchesFromSeveralReadersStayWholeAndInOrder() throws Exception {
        int writers = 4;
        int perWriter = 200_000;
        LogBuffer buffer = new LogBuffer(20_000, 1 << 24);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> torn = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            LogOrigin origin = new LogOrigin("w" + w, w);
            threads.add(new Thread(() -> {
                LineBatch batch = new LineBatch(buffer, origin);
                await(go);
                for (int i = 0; i < perWriter; i++) {
                    byte[] text = (origin.label() + ":" + i).getBytes(StandardCharsets.UTF_8);
                    batch.add(LineKind.STDOUT, i, text, 0, text.length);
                    if (i % 97 == 0) {
                        batch.flush();
                    }
                }
                batch.flush();
            }, "test-writer-" + w));
        }
        Thread reader = new Thread(() -> {
            await(go);
            while (writing.get()) {
                long end = buffer.endSeq();
                for (long seq : new long[] {end - 1, buffer.firstSeq(), end - 15_000}) {
                    LogLine line = buffer.get(seq);
                    if (line != null && !line.text().equals(line.origin().label() + ":" + line.timeNanos())) {
                        torn.set(seq + ": " + line);
                    }
                }
            }
        }, "test-reader");
        threads.forEach(Thread::start);
        reader.start();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        writing.set(false);
        reader.join();

        assertThat(torn.get()).isNull();
        assertThat(buffer.endSeq()).isEqualTo((long) writers * perWriter);
        assertThat(buffer.dropped()).isEqualTo((long) writers * perWriter - 20_000);
        long[] last = {-1, -1, -1, -1};
        for (long seq = buffer.firstSeq(); seq < buffer.endSeq(); seq++) {
            LogLine line = buffer.get(seq);
            int writer = line.origin().colourIndex();
            if (last[writer] >= 0) {
                assertThat(line.timeNanos()).as("writer %d: no gap, no repeat", writer).isEqualTo(last[writer] + 1);
            }
            last[writer] = line.timeNanos();
        }
        assertThat(buffer.get(buffer.endSeq() - 1).timeNanos()).isEqualTo(perWriter - 1L);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
