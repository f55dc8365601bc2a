package com.mirogateway.platform.host.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Keeps a SQLite database to one gateway: an OS lock on {@code <database>.lock} beside it, held while the gateway
 * runs and released by the OS when the process ends however it ends (SIGKILL included). The file holds the pid of the
 * holder, for the refusal message.
 */
final class InstanceLock implements AutoCloseable {
    private final FileChannel file;
    private final FileLock lock;

    private InstanceLock(FileChannel file, FileLock lock) {
        this.file = file;
        this.lock = lock;
    }

    /**
     * Takes the lock beside a SQLite database file.
     *
     * @param database the database file
     * @return the held lock
     * @throws ClusterException if another gateway holds it (the message says which process and what to do)
     */
    static InstanceLock acquire(Path database) {
        Path path = database.resolveSibling(database.getFileName() + ".lock");
        FileChannel file = null;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = file.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // another gateway in this same JVM holds it
            }
            if (lock == null) {
                String holder = Files.readString(path, StandardCharsets.UTF_8).strip();
                file.close();
                throw new ClusterException(
                        "Another gateway" + (holder.isEmpty() ? "" : " (pid " + holder + ")") + " already uses the"
                                + " SQLite database " + database + "; SQLite allows one gateway per database file:"
                                + " stop it, or give this one its own gateway.data-dir, or share PostgreSQL instead",
                        null);
            }
            file.truncate(0);
            file.write(
                    ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            file.force(false);
            return new InstanceLock(file, lock);
        } catch (IOException e) {
            closeQuietly(file);
            throw new ClusterException("Cannot lock " + path + " for the SQLite database: " + e.getMessage(), e);
        }
    }

    /** The database file of a {@code jdbc:sqlite:} URL, if it names a file (not {@code :memory:}). */
    static Optional<Path> sqliteFile(String url) {
        if (!url.startsWith("jdbc:sqlite:")) {
            return Optional.empty();
        }
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        String path = query >= 0 ? file.substring(0, query) : file;
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path).toAbsolutePath());
    }

    private static void closeQuietly(FileChannel file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // the lock's failure is what the caller reports
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            file.close();
        } catch (IOException e) {
            // the OS drops the lock with the process anyway
        }
    }
}
