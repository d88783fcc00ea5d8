using Platform.Samples.OpenIdClient;

SampleApp.Build(args).Run();
