/**
 * Conflict resolution: the strategies a user chooses per path, the names of conflict copies, and
 * the three-way text and structured (JSON, YAML) merges. Pure functions over values: no I/O, so the
 * sync engine decides what is read and when.
 */
package io.cloudsync.conflict;
