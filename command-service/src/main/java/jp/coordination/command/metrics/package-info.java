/**
 * Which of Axon's message monitors the command side runs, and at what cost per command
 * (docs/ARCHITECTURE.md, "Metrics").
 */
package jp.coordination.command.metrics;
