package dev.sightline.storage;

/** Reads log records. */
public interface LogRecordReader {

  Page<StoredLog> search(LogQuery query);
}
