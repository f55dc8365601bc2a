package com.mirogateway.platform.host.logging;

import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/** A JUL handler writing {@link JsonLogFormatter} lines to standard output, flushed per record. */
public final class StdoutJsonHandler extends StreamHandler {

    /** Creates the handler; JUL instantiates it from {@code logging.properties}. */
    public StdoutJsonHandler() {
        super(System.out, new JsonLogFormatter());
    }

    @Override
    public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
    }

    @Override
    public synchronized void close() {
        flush(); // never close System.out
    }
}
