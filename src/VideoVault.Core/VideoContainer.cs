namespace VideoVault;

/// <summary>The video containers the store accepts, recognised by their magic bytes.</summary>
public enum VideoContainer
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>ISO base media: MP4 / M4V (<c>ftyp</c> with an MP4 brand).</summary>
    Mp4,

    /// <summary>QuickTime MOV (<c>ftyp qt</c>, or a legacy <c>moov</c>/<c>mdat</c>/<c>wide</c>/<c>free</c> atom).</summary>
    QuickTime,

    /// <summary>3GPP / 3GPP2 (<c>ftyp 3gp*</c> / <c>3g2*</c>).</summary>
    ThreeGpp,

    /// <summary>Matroska (<c>1A 45 DF A3</c>).</summary>
    Matroska,

    /// <summary>WebM (Matroska with DocType <c>webm</c>).</summary>
    WebM,

    /// <summary>AVI (<c>RIFF....AVI </c>).</summary>
    Avi,

    /// <summary>MPEG transport stream (sync byte <c>0x47</c> every 188 or 192 bytes).</summary>
    MpegTransportStream,

    /// <summary>MPEG program stream (<c>00 00 01 BA</c>).</summary>
    MpegProgramStream,

    /// <summary>Flash video (<c>FLV\x01</c>).</summary>
    Flv,

    /// <summary>ASF / WMV (<c>30 26 B2 75</c>).</summary>
    Asf,
}
