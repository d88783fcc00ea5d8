// The classes share one running platform: one at a time on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
