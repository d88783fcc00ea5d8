// Each class starts its own AppHost (servers, or the whole platform): one at a time on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
