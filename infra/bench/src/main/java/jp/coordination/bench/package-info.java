/** Benchmarks: programs that measure a figure against a baseline taken in the same run. */
package jp.coordination.bench;
