// The drills and the scale-out test each run a whole platform and pull its plugs: one at a time on a small machine.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
