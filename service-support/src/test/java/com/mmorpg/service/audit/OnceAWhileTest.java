package com.mmorpg.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnceAWhileTest {

    @Test
    void theSameKeyIsWrittenOnceAWhileAndAFailedWriteIsTriedAgain() {
        OnceAWhile reads = new OnceAWhile(Duration.ofMinutes(5), 100);
        AtomicInteger writes = new AtomicInteger();

        assertThat(reads.write("gm 7 lookup alice", () -> writes.incrementAndGet() > 0)).isTrue();
        assertThat(reads.write("gm 7 lookup alice", () -> writes.incrementAndGet() > 0)).isTrue();
        assertThat(writes).as("the second read within the window is not written").hasValue(1);
        assertThat(reads.write("gm 7 lookup bob", () -> writes.incrementAndGet() > 0)).isTrue();
        assertThat(writes).hasValue(2);

        assertThat(reads.write("gm 8 live map", () -> false)).as("the store refused").isFalse();
        assertThatThrownBy(() -> reads.write("gm 8 live map", () -> {
            throw new IllegalStateException("database away");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(reads.write("gm 8 live map", () -> writes.incrementAndGet() > 0)).as("tried again, written").isTrue();
        assertThat(writes).hasValue(3);
    }
}
