Console.WriteLine("benchmark placeholder");
