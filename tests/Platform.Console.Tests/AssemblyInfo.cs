// One platform and one browser for the whole suite, and one journey at a time on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
