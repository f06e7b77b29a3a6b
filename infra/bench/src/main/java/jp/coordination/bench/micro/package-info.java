/**
 * JMH micro-benchmarks of hot paths (event encoding and decoding, the statistics step, the ward
 * dashboard's evolve step and rendering), each against a baseline in the same run where one means
 * something. Run through {@code ./bench.sh Micro}, which writes their table into
 * docs/BENCHMARKS.md; the JMH annotation processor generates the runnable classes and
 * META-INF/BenchmarkList into target/classes at compile time.
 */
package jp.coordination.bench.micro;
