/**
 * Events of capacity-building activities (④人材育成 ⑤体制づくり): trainings, supervision, case reviews,
 * visits and liaison meetings held outside a case.
 */
package jp.coordination.events.capacity;
