package dev.wifdesk.ui.log;

import dev.wifdesk.audit.Redactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.ui.support.TestServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ActivityLogTest {
    @Test
    void keepsOnlyTheNewestEntriesUpToItsCapacity() {
        ActivityLog log = new ActivityLog(3, Runnable::run);
        for (int i = 1; i <= 5; i++) {
            log.append(new LogEntry(Instant.EPOCH, "INFO", "test", "line " + i));
        }
        assertThat(log.entries()).extracting(LogEntry::message).containsExactly("line 3", "line 4", "line 5");
        assertThat(new ActivityLogViewModel(log, s -> { }, TestServices.messages()).countText().get()).isEqualTo("3 entries");
        assertThatThrownBy(() -> new ActivityLog(0, Runnable::run)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redactsOnTheWayInSoCopyNeverSeesASecret() {
        ActivityLog log = new ActivityLog(10, Runnable::run);
        String jwt = "ey" + "JhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.sig";
        log.append(new LogEntry(Instant.EPOCH, "WARN", "sts", "exchange failed for " + jwt));
        List<String> copied = new ArrayList<>();
        ActivityLogViewModel vm = new ActivityLogViewModel(log, copied::add, TestServices.messages());
        assertThat(vm.countText().get()).isEqualTo("1 entry");
        String text = vm.copyAll();
        assertThat(copied).containsExactly(text);
        assertThat(text).contains("exchange failed for eyJ" + Redactor.MASK).doesNotContain("eyJhdWQiOiJ4In0");
    }

    @Test
    void theLogbackAppenderFeedsTheLogFromSlf4j() {
        ActivityLog log = new ActivityLog(50, Runnable::run);
        ActivityLogAppender appender = ActivityLogAppender.install(log);
        Instant before = Instant.now();
        try {
            LoggerFactory.getLogger("dev.wifdesk.ui.Probe").info("Patched {} with sandbox-operator-{}", "provider-x", "abc123");
        } finally {
            appender.uninstall();
        }
        Instant after = Instant.now();
        LoggerFactory.getLogger("dev.wifdesk.ui.Probe").info("after uninstall");
        assertThat(log.entries()).hasSize(1);
        LogEntry e = log.entries().get(0);
        assertThat(e.level()).isEqualTo("INFO");
        assertThat(e.logger()).isEqualTo("Probe");
        assertThat(e.message()).isEqualTo("Patched provider-x with sandbox-" + Redactor.MASK);
        // the entry carries the event's own time, not a fixed or later one
        assertThat(e.time()).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), after);
    }
}
