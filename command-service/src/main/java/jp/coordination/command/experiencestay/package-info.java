/** Experience stays (③体験の機会・場): arrangement, start, completion and cancellation of trial stays. */
package jp.coordination.command.experiencestay;
