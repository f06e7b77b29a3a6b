/**
 * Capacity-building activities (④人材育成 ⑤体制づくり): trainings, supervision, case reviews, visits and
 * liaison meetings, recorded, corrected or withdrawn.
 */
package jp.coordination.command.capacity;
