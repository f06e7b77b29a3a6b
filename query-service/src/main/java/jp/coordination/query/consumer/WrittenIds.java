package jp.coordination.query.consumer;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The documents a store may have written, as a Bloom filter: "no" is certain, "maybe" is not. A
 * store that is the only writer of collections that started empty (a rebuild's generation) needs no
 * read to know that a document it never wrote does not exist; a "maybe" only costs the read it
 * would have made anyway.
 *
 * <p>Why not a set of ids: a million events touch about half a million documents, whose ids would
 * take tens of megabytes; these 4 MB answer wrongly ("maybe") for about one document in a thousand
 * at that size. Why our own: Guava's {@code BloomFilter} is not on the classpath, and this is all
 * of it.
 */
final class WrittenIds {

  private static final int BITS = 1 << 25;
  private static final int HASHES = 3;

  private final AtomicLongArray words = new AtomicLongArray(BITS / 64);

  void add(String collection, String id) {
    long hash = hash(collection, id);
    int h1 = (int) hash;
    int h2 = (int) (hash >>> 32);
    for (int i = 0; i < HASHES; i++) {
      int bit = Math.floorMod(h1 + i * h2, BITS);
      int word = bit >>> 6;
      long mask = 1L << (bit & 63);
      long current;
      do {
        current = words.get(word);
      } while ((current & mask) == 0 && !words.compareAndSet(word, current, current | mask));
    }
  }

  boolean mightContain(String collection, String id) {
    long hash = hash(collection, id);
    int h1 = (int) hash;
    int h2 = (int) (hash >>> 32);
    for (int i = 0; i < HASHES; i++) {
      int bit = Math.floorMod(h1 + i * h2, BITS);
      if ((words.get(bit >>> 6) & (1L << (bit & 63))) == 0) {
        return false;
      }
    }
    return true;
  }

  /** 64-bit FNV-1a over both names, then a final mix so that both halves are usable. */
  private static long hash(String collection, String id) {
    long h = 0xcbf29ce484222325L;
    h = fnv(h, collection);
    h = (h ^ 0xff) * 0x100000001b3L;
    h = fnv(h, id);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  private static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }
}
