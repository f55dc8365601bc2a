package com.mirogateway.platform.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @Test
    void oneLineOfJsonWithEscapedMessageAndCorrelationId() {
        LogRecord record = new LogRecord(Level.WARNING, "quote \" backslash \\ newline \n tab \t ctl \u0001 {0}");
        record.setParameters(new Object[] {"param"});
        record.setLoggerName("test.logger");
        record.setThrown(new IllegalStateException("bad \"thing\""));
        LogContext.set("req-1");
        String line;
        try {
            line = formatter.format(record);
        } finally {
            LogContext.clear();
        }
        assertThat(line).endsWith("}\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        assertThat(line)
                .contains("\"level\":\"WARNING\"")
                .contains("\"logger\":\"test.logger\"")
                .contains("\"msg\":\"quote \\\" backslash \\\\ newline \\n tab \\t ctl \\u0001 param\"")
                .contains("\"requestId\":\"req-1\"")
                .contains("\"error\":{\"type\":\"java.lang.IllegalStateException\",\"message\":\"bad \\\"thing\\\"\"");
    }

    @Test
    void noCorrelationIdWhenTheThreadHasNone() {
        String line = formatter.format(new LogRecord(Level.INFO, "plain"));
        assertThat(line).doesNotContain("requestId").contains("\"msg\":\"plain\"");
    }
}
