package com.mirogateway.platform.testkit;

import com.mirogateway.platform.host.logging.JsonLogFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The gateways' log records, as the JSON lines the gateway writes, captured while some work runs in this JVM. */
public final class LogLines {
    private LogLines() {}

    /**
     * Captures every logger's records while {@code work} runs.
     *
     * @param work what to run
     * @return the lines, in the order logged
     */
    public static List<String> during(Runnable work) {
        return during("", work);
    }

    /**
     * Captures one logger's records (and its children's) while {@code work} runs.
     *
     * @param loggerName the logger, such as a class name; {@code ""} for every logger
     * @param work what to run
     * @return the lines, in the order logged
     */
    public static List<String> during(String loggerName, Runnable work) {
        List<String> lines = new CopyOnWriteArrayList<>();
        JsonLogFormatter formatter = new JsonLogFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(loggerName);
        logger.addHandler(capture);
        try {
            work.run();
        } finally {
            logger.removeHandler(capture);
        }
        return lines;
    }
}
