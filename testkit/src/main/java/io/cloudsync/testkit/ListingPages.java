package io.cloudsync.testkit;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A listing fetched page by page as it is consumed, the way an object store's paginated listing
 * works: each page resumes after the last name of the previous one, so objects written or deleted
 * meanwhile are seen or not, but none is returned twice.
 */
final class ListingPages implements Iterator<MemoryStore.Stored> {
  private final MemoryStore store;
  private final String prefix;
  private final int pageSize;
  private final ArrayDeque<MemoryStore.Stored> page = new ArrayDeque<>();
  private String cursor;
  private boolean exhausted;

  private ListingPages(MemoryStore store, String prefix, int pageSize) {
    this.store = store;
    this.prefix = prefix;
    this.pageSize = pageSize;
  }

  static Stream<MemoryStore.Stored> stream(MemoryStore store, String prefix, int pageSize) {
    ListingPages pages = new ListingPages(store, prefix, pageSize);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            pages, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
        false);
  }

  @Override
  public boolean hasNext() {
    if (page.isEmpty() && !exhausted) {
      fetch();
    }
    return !page.isEmpty();
  }

  @Override
  public MemoryStore.Stored next() {
    if (!hasNext()) {
      throw new NoSuchElementException("listing is exhausted");
    }
    return page.removeFirst();
  }

  private void fetch() {
    Map<String, MemoryStore.Stored> tail =
        cursor == null ? store.objects.tailMap(prefix, true) : store.objects.tailMap(cursor, false);
    for (Map.Entry<String, MemoryStore.Stored> entry : tail.entrySet()) {
      if (!entry.getKey().startsWith(prefix)) {
        exhausted = true;
        break;
      }
      page.addLast(entry.getValue());
      cursor = entry.getKey();
      if (page.size() == pageSize) {
        break;
      }
    }
    if (page.size() < pageSize) {
      exhausted = true;
    }
    store.pagesServed.incrementAndGet();
  }
}
